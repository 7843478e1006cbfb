// The Ringfence operator console: polls the engine's own API (/status, /health, /positions, /events) once a
// second and sends operator commands (/admin/*) with the token the operator types. Everything it loads comes
// from the engine; the token lives only in this closure and the input field, never in storage.
'use strict';

(() =>
{
    const POLL_MILLIS = 1000;
    const MAX_POINTS = 3600;
    const MAX_EVENTS = 200;
    const CONFIRM = {
        flatten: ['Flatten: close every open position now and lock the guard? New entries stay denied until an operator re-arms.',
            'Flatten now'],
        rearm: ['Re-arm: unlock the guard and allow new entries again? The engine refuses unless it is flat and the breach is over.',
            'Re-arm'],
    };

    const $ = (id) => document.getElementById(id);
    const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const lots = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const count = new Intl.NumberFormat('en-US');
    const finite = (value) => typeof value === 'number' && Number.isFinite(value);
    /** A figure the engine left undefined (null: a rule that is off) as NaN, so arithmetic on it stays undefined. */
    const figure = (value) => (finite(value) ? value : NaN);
    /** The drawdown cap in force, in percent: NaN when the rule is off. */
    const capOf = (status) => figure(status.drawdownPercent) + figure(status.drawdownRemainingPercent);
    const fmtMoney = (value) => (finite(value) ? money.format(value) : '–');
    const fmtPercent = (value, digits = 2) => (finite(value) ? value.toFixed(digits) + ' %' : '–');
    const fmtLimit = (value) => (finite(value) ? money.format(value) : 'off');
    const fmtMicros = (micros) => (micros >= 1000 ? (micros / 1000).toLocaleString('en-US') + ' ms' : micros + ' µs');
    const plural = (n, one, many) => count.format(n) + ' ' + (n === 1 ? one : many);
    const clock = (millis) =>
    {
        const d = new Date(millis);
        const pad = (n, w = 2) => String(n).padStart(w, '0');
        return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
    };

    // ------------------------------------------------------------------ charts (uPlot)

    const history = { t: [], equity: [], peak: [], cap: [], floor: [], daily: [], drawdown: [], capPercent: [] };
    let equityChart = null;
    let drawdownChart = null;

    /** A legend value: the one under the cursor, or the latest when the cursor is off the chart. */
    const legend = (format) => (u, value, seriesIndex, index) =>
    {
        if (index == null)
        {
            const data = u.data[seriesIndex];
            return format(data.length ? data[data.length - 1] : null);
        }
        return format(value);
    };

    const axis = () => ({
        stroke: '#9aa7b8',
        grid: { stroke: 'rgba(154, 167, 184, 0.12)', width: 1 },
        ticks: { stroke: 'rgba(154, 167, 184, 0.25)', width: 1 },
    });

    function chartWidth(element)
    {
        return Math.max(320, Math.floor(element.getBoundingClientRect().width));
    }

    /** The y range of the equity chart: equity and peak, and the nearest limit line when asked to. */
    function equityRange(u, dataMin, dataMax)
    {
        let low = Infinity;
        let high = -Infinity;
        for (const series of [history.equity, history.peak])
        {
            for (const v of series)
            {
                if (finite(v))
                {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (!finite(low))
        {
            return [dataMin, dataMax];
        }
        if ($('fit-limit').checked)
        {
            const nearest = nearestLimit();
            if (finite(nearest))
            {
                low = Math.min(low, nearest);
                high = Math.max(high, nearest);
            }
        }
        const pad = Math.max((high - low) * 0.08, Math.abs(high) * 0.0002, 0.01);
        return [low - pad, high + pad];
    }

    /** The highest limit level now: the one equity meets first. */
    function nearestLimit()
    {
        const last = history.t.length - 1;
        if (last < 0)
        {
            return NaN;
        }
        const levels = [history.cap[last], history.floor[last], history.daily[last]].filter(finite);
        return levels.length ? Math.max(...levels) : NaN;
    }

    function makeCharts()
    {
        const equityElement = $('equity-chart');
        equityChart = new uPlot({
            width: chartWidth(equityElement),
            height: 250,
            cursor: { drag: { x: true, y: false } },
            scales: { x: { time: true }, y: { range: equityRange } },
            axes: [axis(), Object.assign(axis(), { size: 70 })],
            series: [
                {},
                { label: 'equity', stroke: '#4fc3f7', width: 2, value: legend(fmtMoney) },
                { label: 'peak', stroke: '#b0bec5', width: 1, dash: [4, 4], points: { show: false }, value: legend(fmtMoney) },
                { label: 'drawdown cap', stroke: '#ef5350', width: 1.5, dash: [8, 4], points: { show: false }, value: legend(fmtLimit) },
                { label: 'equity floor', stroke: '#ff9800', width: 1.5, dash: [8, 4], points: { show: false }, value: legend(fmtLimit) },
                { label: 'daily loss limit', stroke: '#ce93d8', width: 1.5, dash: [8, 4], points: { show: false }, value: legend(fmtLimit) },
            ],
        }, [[], [], [], [], [], []], equityElement);

        const drawdownElement = $('drawdown-chart');
        drawdownChart = new uPlot({
            width: chartWidth(drawdownElement),
            height: 170,
            cursor: { drag: { x: true, y: false } },
            scales: {
                x: { time: true },
                y: { range: (u, min, max) => [0, Math.max(finite(max) ? max * 1.08 : 1, 0.05)] },
            },
            axes: [axis(), Object.assign(axis(), { size: 70, values: (u, ticks) => ticks.map((v) => v.toFixed(2) + ' %') })],
            series: [
                {},
                { label: 'drawdown', stroke: '#4fc3f7', width: 2, fill: 'rgba(79, 195, 247, 0.12)', value: legend((v) => fmtPercent(v, 4)) },
                { label: 'cap', stroke: '#ef5350', width: 1.5, dash: [8, 4], points: { show: false }, value: legend((v) => (finite(v) ? fmtPercent(v) : 'off')) },
            ],
        }, [[], [], []], drawdownElement);

        window.addEventListener('resize', () =>
        {
            equityChart.setSize({ width: chartWidth(equityElement), height: 250 });
            drawdownChart.setSize({ width: chartWidth(drawdownElement), height: 170 });
        });
        $('fit-limit').addEventListener('change', redraw);
    }

    /** Seeds the charts with the engine's last hour (sampled once a second), before the polls add to it. */
    async function loadHistory()
    {
        const columns = await getJson('history');
        for (let i = 0; i < columns.time.length; i++)
        {
            record({
                time: columns.time[i],
                equity: columns.equity[i],
                peak: columns.peak[i],
                drawdownPercent: columns.drawdownPercent[i],
                drawdownRemainingPercent: columns.drawdownRemainingPercent[i],
                equityFloorDistance: columns.equityFloorDistance[i],
                dailyLossRemaining: columns.dailyLossRemaining[i],
            }, false);
        }
        redraw();
    }

    function record(status, draw = true)
    {
        const seconds = status.time / 1000;
        if (history.t.length && seconds <= history.t[history.t.length - 1])
        {
            return;
        }
        const push = (series, value) =>
        {
            series.push(finite(value) ? value : null);
            if (series.length > MAX_POINTS)
            {
                series.shift();
            }
        };
        const equity = status.equity;
        const hasEquity = finite(equity) && (finite(status.peak) && status.peak > 0);
        push(history.t, seconds);
        push(history.equity, hasEquity ? equity : NaN);
        push(history.peak, hasEquity ? status.peak : NaN);
        // The limits as equity levels, as the engine computes them (its limits in force, which may be a journal's).
        const capPercent = capOf(status);
        push(history.cap, hasEquity && finite(capPercent) ? status.peak * (1 - capPercent / 100) : NaN);
        push(history.floor, hasEquity && finite(status.equityFloorDistance) ? equity - status.equityFloorDistance : NaN);
        push(history.daily, hasEquity && finite(status.dailyLossRemaining) ? equity - status.dailyLossRemaining : NaN);
        push(history.drawdown, hasEquity ? status.drawdownPercent : NaN);
        push(history.capPercent, capPercent);
        if (draw)
        {
            redraw();
        }
    }

    function redraw()
    {
        if (!equityChart)
        {
            return;
        }
        equityChart.setData([history.t, history.equity, history.peak, history.cap, history.floor, history.daily]);
        drawdownChart.setData([history.t, history.drawdown, history.capPercent]);
    }

    // ------------------------------------------------------------------ status tiles

    let previousLatency = null;

    function tone(element, value)
    {
        element.dataset.tone = value;
    }

    function text(id, value)
    {
        $(id).textContent = value;
    }

    function meter(id, ratio)
    {
        const bar = $(id);
        const share = finite(ratio) ? Math.max(0, Math.min(1, ratio)) : 0;
        bar.style.width = (share * 100).toFixed(1) + '%';
        tone(bar, share >= 0.8 ? 'bad' : share >= 0.5 ? 'warn' : 'ok');
    }

    function showStatus(status)
    {
        const guard = $('guard');
        guard.textContent = status.guardState + (status.halted ? ' · HALTED' : '');
        tone(guard, status.guardState === 'ACTIVE' ? (status.halted ? 'warn' : 'ok')
            : status.guardState === 'LOCKED' || status.guardState === 'FLATTENING' ? 'bad' : 'warn');
        const entries = $('entries');
        const allowed = status.entries === 'ACTIVE';
        entries.textContent = allowed ? 'entries allowed' : 'entries denied: ' + status.entries;
        tone(entries, allowed ? 'ok' : 'bad');
        const link = $('link');
        link.textContent = status.terminalConnected ? 'terminal connected' : 'terminal disconnected';
        tone(link, status.terminalConnected ? 'ok' : 'bad');

        text('equity', fmtMoney(status.equity));
        text('balance', 'balance ' + fmtMoney(status.balance));
        text('peak', fmtMoney(status.peak));

        const capPercent = capOf(status);
        text('drawdown', fmtPercent(status.drawdownPercent));
        if (finite(capPercent))
        {
            text('drawdown-sub', 'cap ' + fmtPercent(capPercent) + ' · ' + fmtPercent(status.drawdownRemainingPercent) + ' left');
            meter('drawdown-meter', status.drawdownPercent / capPercent);
        }
        else
        {
            text('drawdown-sub', 'drawdown cap off');
            meter('drawdown-meter', NaN);
        }

        if (finite(status.equityFloorDistance))
        {
            text('floor', fmtMoney(status.equityFloorDistance));
            text('floor-sub', 'floor at ' + fmtMoney(status.equity - status.equityFloorDistance));
            tone($('floor'), status.equityFloorDistance <= 0 ? 'bad' : '');
        }
        else
        {
            text('floor', 'off');
            text('floor-sub', 'no equity floor');
        }

        if (finite(status.dailyLossUsedPercent))
        {
            text('daily', fmtPercent(status.dailyLossUsedPercent, 1) + ' used');
            text('daily-sub', fmtMoney(status.dailyLossRemaining) + ' left today');
            meter('daily-meter', status.dailyLossUsedPercent / 100);
        }
        else
        {
            text('daily', 'off');
            text('daily-sub', 'no daily loss limit, or no baseline yet');
            meter('daily-meter', NaN);
        }

        text('terminal', status.terminalConnected ? 'connected' : 'disconnected');
        tone($('terminal'), status.terminalConnected ? 'ok' : 'bad');
        text('terminal-sub', status.lastHeartbeat > 0
            ? 'engine heartbeat ' + Math.max(0, (status.time - status.lastHeartbeat) / 1000).toFixed(1) + ' s ago'
            : 'no engine heartbeat yet');

        const data = status.degraded ? 'stale' : status.reconciling ? 'reconciling' : status.rebaseRequired ? 'rebase needed' : 'ok';
        text('data', data);
        tone($('data'), data === 'ok' ? 'ok' : 'bad');

        showLatency(status.latency);

        text('open', count.format(status.openPositions) + ' open');
        text('open-sub', plural(status.pendingOrders, 'order', 'orders') + ' pending');
        text('activity', plural(status.tradesExecuted, 'trade', 'trades'));
        text('activity-sub', plural(status.signalsReceived, 'signal', 'signals') + ' · ' + count.format(status.tradesFailed) +
            ' failed · ' + plural(status.errors, 'error', 'errors'));
        record(status);
    }

    /** Mean and 99th percentile of the events processed since the previous poll (from the cumulative histogram). */
    function showLatency(latency)
    {
        if (!latency)
        {
            return;
        }
        const previous = previousLatency;
        previousLatency = latency;
        if (!previous || latency.count < previous.count)
        {
            text('latency-sub', 'measuring…');
            return;
        }
        const events = latency.count - previous.count;
        if (events === 0)
        {
            text('latency-sub', 'no event in the last second');
            return;
        }
        const mean = (latency.sumMicros - previous.sumMicros) / events;
        const target = events * 0.99;
        let seen = 0;
        let p99 = '> ' + fmtMicros(latency.boundsMicros[latency.boundsMicros.length - 1]);
        for (let i = 0; i < latency.buckets.length; i++)
        {
            seen += latency.buckets[i] - previous.buckets[i];
            if (seen >= target && i < latency.boundsMicros.length)
            {
                p99 = '≤ ' + fmtMicros(latency.boundsMicros[i]);
                break;
            }
        }
        text('latency', 'p99 ' + p99);
        text('latency-sub', 'mean ' + fmtMicros(Number(mean.toFixed(1))) + ' · ' + plural(events, 'event', 'events') + ' since the last poll');
    }

    function showHealth(health)
    {
        const reasons = health.reasons || [];
        const notes = health.notes || [];
        text('data-sub', reasons.length ? reasons.join('; ') : notes.length ? 'healthy; ' + notes.join('; ') : 'healthy');
        tone($('data-sub'), reasons.length ? 'bad' : '');
    }

    // ------------------------------------------------------------------ positions and events

    function showPositions(answer)
    {
        const body = $('positions').querySelector('tbody');
        const rows = answer.positions.map((p) =>
        {
            const row = document.createElement('tr');
            const cells = [String(p.ticket), p.symbol, p.side, lots.format(p.volume), String(p.openPrice), fmtMoney(p.profit)];
            cells.forEach((value, i) =>
            {
                const cell = document.createElement('td');
                cell.textContent = value;
                if (i >= 3)
                {
                    cell.className = 'num';
                }
                if (i === 5 && finite(p.profit))
                {
                    tone(cell, p.profit < 0 ? 'bad' : 'ok');
                }
                row.appendChild(cell);
            });
            return row;
        });
        body.replaceChildren(...rows);
        $('no-positions').hidden = rows.length > 0;
        text('positions-count', rows.length ? rows.length + ' open' : '');
    }

    let lastEvent = 0;

    const EVENT_TONES = {
        GUARD_TRIPPED: 'bad', FLATTEN_COMPLETED: 'bad', ERROR: 'bad', TRADE_FAILED: 'bad', COMMAND_REFUSED: 'bad',
        TERMINAL_DISCONNECTED: 'bad', DATA_DEGRADED: 'bad', JOURNAL_FAILED: 'bad', CIRCUIT_OPENED: 'bad',
        GUARD_WARNING: 'warn', GUARD_STATE_CHANGED: 'warn', SIGNAL_REJECTED: 'warn', CONFIG_CHANGED: 'warn',
        TRADING_HALTED: 'op', TRADING_RESUMED: 'op', GUARD_REARMED: 'op', CONFIG_REBASED: 'op',
        TRADE_EXECUTED: 'ok', TERMINAL_CONNECTED: 'ok', RECONCILED: 'ok', DATA_RECOVERED: 'ok', JOURNAL_RECOVERED: 'ok',
    };

    function showEvents(answer)
    {
        if (answer.last < lastEvent)
        {
            // The engine restarted: its numbers start again.
            $('events').replaceChildren();
        }
        lastEvent = answer.last;
        const list = $('events');
        for (const event of answer.events)
        {
            const item = document.createElement('li');
            item.dataset.type = event.type;
            tone(item, EVENT_TONES[event.type] || '');
            const time = document.createElement('time');
            time.textContent = clock(event.t);
            const type = document.createElement('span');
            type.className = 'type';
            type.textContent = event.type;
            const details = document.createElement('span');
            details.className = 'details';
            details.textContent = Object.entries(event)
                .filter(([key]) => key !== 'seq' && key !== 't' && key !== 'type')
                .map(([key, value]) => key + '=' + value)
                .join('  ');
            item.append(time, type, details);
            list.prepend(item);
        }
        while (list.children.length > MAX_EVENTS)
        {
            list.lastElementChild.remove();
        }
    }

    // ------------------------------------------------------------------ polling

    async function getJson(path)
    {
        const response = await fetch(path, { cache: 'no-store', headers: { Accept: 'application/json' } });
        if (!response.ok && response.status !== 503)
        {
            throw new Error(path + ': HTTP ' + response.status);
        }
        return response.json();
    }

    async function poll()
    {
        const [status, health, positions, events] = await Promise.allSettled([
            getJson('status'), getJson('health'), getJson('positions'), getJson('events?after=' + lastEvent)]);
        const reachable = status.status === 'fulfilled';
        $('offline').hidden = reachable;
        if (reachable)
        {
            showStatus(status.value);
            text('updated', 'updated ' + clock(Date.now()));
        }
        if (health.status === 'fulfilled')
        {
            showHealth(health.value);
        }
        if (positions.status === 'fulfilled')
        {
            showPositions(positions.value);
        }
        if (events.status === 'fulfilled')
        {
            showEvents(events.value);
        }
    }

    async function pollForever()
    {
        try
        {
            await poll();
        }
        catch (error)
        {
            $('offline').hidden = false;
        }
        window.setTimeout(pollForever, POLL_MILLIS);
    }

    // ------------------------------------------------------------------ operator commands

    let token = '';
    let busy = false;

    function outcome(tone_, message)
    {
        const box = $('outcome');
        box.textContent = message;
        tone(box, tone_);
    }

    /** The engine's own answer to one command, in words. */
    function describe(command, status, body)
    {
        if (status === 200)
        {
            return ['ok', command + ': applied. Guard ' + body.guardState + (body.halted ? ', entries halted' : '') +
                ', equity ' + fmtMoney(body.equity) + ', peak ' + fmtMoney(body.peak) + ' (command ' + body.commandId + ')'];
        }
        if (status === 409)
        {
            return ['bad', command + ': refused by the engine: ' + body.refused + '. Guard ' + body.guardState +
                (body.halted ? ', entries halted' : '') + ' (command ' + body.commandId + ')'];
        }
        if (status === 202)
        {
            return ['warn', command + ': queued; the engine has not decided yet (command ' + body.commandId +
                '). Watch the events before retrying.'];
        }
        return ['bad', command + ': not executed (HTTP ' + status + '): ' + (body.error || JSON.stringify(body))];
    }

    async function send(command)
    {
        if (busy)
        {
            return;
        }
        if (!token)
        {
            outcome('bad', command + ': not sent. Type the admin token first: every command needs it.');
            $('token').focus();
            return;
        }
        busy = true;
        outcome('warn', command + ': sent, waiting for the engine…');
        try
        {
            const response = await fetch('admin/' + command, {
                method: 'POST',
                cache: 'no-store',
                headers: { Authorization: 'Bearer ' + token },
            });
            let body = {};
            try
            {
                body = await response.json();
            }
            catch (ignored)
            {
                body = { error: 'the answer was not JSON' };
            }
            const [tone_, message] = describe(command, response.status, body);
            outcome(tone_, message);
        }
        catch (error)
        {
            outcome('bad', command + ': no answer from the engine (' + error.message + '). Check the events before retrying.');
        }
        finally
        {
            busy = false;
        }
        poll().catch(() => {});
    }

    function ask(command)
    {
        const [question, yes] = CONFIRM[command];
        const dialog = $('confirm');
        text('confirm-text', question);
        text('confirm-yes', yes);
        dialog.dataset.command = command;
        dialog.showModal();
    }

    function wireOperator()
    {
        const input = $('token');
        input.value = '';
        input.addEventListener('input', () =>
        {
            token = input.value.trim();
        });
        $('operator').addEventListener('submit', (event) => event.preventDefault());
        $('hide-signals').addEventListener('change', (event) => $('events').classList.toggle('without-signals', event.target.checked));
        $('forget').addEventListener('click', () =>
        {
            token = '';
            input.value = '';
            outcome('', 'Token forgotten.');
        });
        for (const button of document.querySelectorAll('[data-command]'))
        {
            button.addEventListener('click', () =>
            {
                const command = button.dataset.command;
                if (CONFIRM[command] && token)
                {
                    ask(command);
                }
                else
                {
                    send(command);
                }
            });
        }
        const dialog = $('confirm');
        $('confirm-yes').addEventListener('click', () =>
        {
            dialog.close();
            send(dialog.dataset.command);
        });
        $('confirm-no').addEventListener('click', () =>
        {
            dialog.close();
            outcome('', dialog.dataset.command + ': cancelled, nothing sent.');
        });
    }

    async function start()
    {
        wireOperator();
        makeCharts();
        try
        {
            await loadHistory();
        }
        catch (error)
        {
            // No history (an engine without it, or not reachable yet): the charts start with the first poll.
        }
        pollForever();
    }

    start();
})();
