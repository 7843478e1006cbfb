// The charts of a Ringfence report. Plain script, no build step: uPlot is inlined before it and the data
// (window.REPORT) is written by ReportData.java. Each run's samples are already thinned to at most
// ReportData.STORED_BUCKETS time buckets; on every zoom or pan the window in view is thinned again to the
// chart's width in pixels, keeping each bucket's lowest and highest equity and drawdown (as
// Decimation.java does), so a spike of one sample is never lost and a million samples stay responsive.
(function ()
{
    'use strict';

    var R = window.REPORT;
    var TWO = R.runs.length > 1;
    var KINDS = {
        trade: {colour: '#4a6fa5', label: 'trade (open or close)', width: 1, alpha: 0.35},
        trip: {colour: '#d62728', label: 'guard trip', width: 2, alpha: 0.9},
        flatten: {colour: '#ff7f0e', label: 'flatten completed', width: 2, alpha: 0.9},
        rearm: {colour: '#2ca02c', label: 're-arm', width: 2, alpha: 0.9},
        damaged: {colour: '#777777', label: 'damaged entry', width: 2, alpha: 0.9}
    };
    var STYLES = [
        {eq: '#1f77b4', pk: '#555555', cap: '#d62728', floor: '#8c1c13', daily: '#9467bd', dd: '#d62728'},
        {eq: '#e6550d', pk: '#aaaaaa', cap: '#f2787a', floor: '#c0786f', daily: '#c5a3e0', dd: '#ff7f0e'}
    ];
    var fitAllLimits = false;

    // ---------------------------------------------------------------- data

    function prepare(run)
    {
        var n = run.t.length;
        var x = new Float64Array(n);
        for (var i = 0; i < n; i++)
        {
            x[i] = (R.origin + run.t[i]) / 1000;
        }
        var limitTimes = run.lim.map(function (l) { return (R.origin + l[0]) / 1000; });
        var markers = run.mk.map(function (m)
        {
            return {x: (R.origin + m[0]) / 1000, kind: m[1], text: m[2]};
        }).sort(function (a, b) { return a.x - b.x; });
        return {name: run.name, digits: run.digits, samples: run.samples, x: x, eq: run.eq, pk: run.pk, dd: run.dd,
            limitTimes: limitTimes, lim: run.lim, markers: markers, markerXs: markers.map(function (m) { return m.x; })};
    }

    var runs = R.runs.map(prepare);
    var fullMin = Infinity;
    var fullMax = -Infinity;
    runs.forEach(function (run)
    {
        if (run.x.length > 0)
        {
            fullMin = Math.min(fullMin, run.x[0]);
            fullMax = Math.max(fullMax, run.x[run.x.length - 1]);
        }
    });
    if (fullMax <= fullMin)
    {
        fullMax = fullMin + 1;
    }

    /** The first index whose value is >= v. */
    function lowerBound(values, v)
    {
        var lo = 0;
        var hi = values.length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /** Indices of run's samples to draw in [from, to]: per pixel bucket the extremes of equity and drawdown. */
    function decimate(run, from, to, buckets)
    {
        var n = run.x.length;
        var kept = [];
        if (n === 0)
        {
            return kept;
        }
        // one sample either side of the window, so the lines run to its edges
        var lo = Math.max(0, lowerBound(run.x, from) - 1);
        var hi = Math.min(n - 1, lowerBound(run.x, to));
        var i;
        if (hi - lo + 1 <= 4 * buckets)
        {
            for (i = lo; i <= hi; i++)
            {
                kept.push(i);
            }
            return kept;
        }
        var first = run.x[lo];
        var span = run.x[hi] - first;
        span = span > 0 ? span * 1.0000001 : 1;
        kept.push(lo);
        i = lo;
        while (i <= hi)
        {
            var bucket = Math.floor((run.x[i] - first) * buckets / span);
            var eqMin = i;
            var eqMax = i;
            var ddMin = i;
            var ddMax = i;
            var j = i + 1;
            while (j <= hi && Math.floor((run.x[j] - first) * buckets / span) === bucket)
            {
                if (run.eq[j] < run.eq[eqMin]) { eqMin = j; }
                if (run.eq[j] > run.eq[eqMax]) { eqMax = j; }
                if (run.dd[j] < run.dd[ddMin]) { ddMin = j; }
                if (run.dd[j] > run.dd[ddMax]) { ddMax = j; }
                j++;
            }
            var inBucket = [eqMin, eqMax, ddMin, ddMax].sort(function (a, b) { return a - b; });
            for (var k = 0; k < inBucket.length; k++)
            {
                if (inBucket[k] !== kept[kept.length - 1])
                {
                    kept.push(inBucket[k]);
                }
            }
            i = j;
        }
        if (kept[kept.length - 1] !== hi)
        {
            kept.push(hi);
        }
        return kept;
    }

    /** One run's table for the window: x, equity, peak, cap level, floor, daily loss level, drawdown %, cap %. */
    function table(run, from, to, buckets)
    {
        var kept = decimate(run, from, to, buckets);
        var cols = [[], [], [], [], [], [], [], []];
        var l = -1;
        for (var k = 0; k < kept.length; k++)
        {
            var i = kept[k];
            var x = run.x[i];
            while (l + 1 < run.limitTimes.length && run.limitTimes[l + 1] <= x)
            {
                l++;
            }
            if (l < 0 && run.limitTimes.length > 0)
            {
                l = 0;
            }
            var lim = l >= 0 ? run.lim[l] : [0, null, null, null];
            var capPercent = lim[1];
            cols[0].push(x);
            cols[1].push(run.eq[i]);
            cols[2].push(run.pk[i]);
            cols[3].push(capPercent == null || run.pk[i] == null ? null : run.pk[i] * (1 - capPercent / 100));
            cols[4].push(lim[2]);
            cols[5].push(lim[3]);
            cols[6].push(run.dd[i]);
            cols[7].push(capPercent);
        }
        return cols;
    }

    var view = {min: fullMin, max: fullMax, drawn: 0};

    function buildData(from, to)
    {
        var buckets = Math.max(200, Math.round(chartWidth()));
        var tables = runs.map(function (run) { return table(run, from, to, buckets); });
        var joined = tables.length === 1 ? tables[0] : uPlot.join(tables);
        function columns(descriptors)
        {
            return [joined[0]].concat(descriptors.map(function (d) { return joined[1 + d.run * 7 + d.col - 1]; }));
        }
        view.drawn = joined[0].length;
        return {equity: columns(equityColumns), drawdown: columns(drawdownColumns)};
    }

    // ---------------------------------------------------------------- charts

    function chartWidth()
    {
        return Math.max(480, Math.min(document.documentElement.clientWidth - 48, 1800));
    }

    function utc(seconds)
    {
        return new Date(Math.round(seconds * 1000)).toISOString().replace('T', ' ').replace('Z', '');
    }

    function money(run)
    {
        return function (u, v) { return v == null ? '-' : v.toFixed(run.digits); };
    }

    function percent(u, v)
    {
        return v == null ? '-' : v.toFixed(4) + ' %';
    }

    var stepped = uPlot.paths.stepped({align: 1});

    function suffix(run)
    {
        return TWO ? ' (' + run.name + ')' : '';
    }

    /** Which limits a run ever had on (one that was off all along gets no line and no legend entry). */
    function limitsOn(run, column)
    {
        return run.lim.some(function (l) { return l[column] != null; });
    }

    // The charts' series: which run, which column of its table (see table()), whether it is a limit line.
    var equityColumns = [];
    var drawdownColumns = [];
    runs.forEach(function (run, r)
    {
        var s = STYLES[r];
        var value = money(run);
        equityColumns.push({run: r, col: 1, limit: false,
            series: {label: 'equity' + suffix(run), stroke: s.eq, width: r === 0 ? 1.5 : 2, value: value, spanGaps: true}});
        equityColumns.push({run: r, col: 2, limit: false,
            series: {label: 'peak' + suffix(run), stroke: s.pk, width: 1, dash: [4, 3], paths: stepped, value: value, spanGaps: true}});
        if (limitsOn(run, 1))
        {
            equityColumns.push({run: r, col: 3, limit: true,
                series: {label: 'drawdown cap' + suffix(run), stroke: s.cap, width: 1.5, dash: [8, 4], paths: stepped, value: value, spanGaps: true}});
        }
        if (limitsOn(run, 2))
        {
            equityColumns.push({run: r, col: 4, limit: true,
                series: {label: 'equity floor' + suffix(run), stroke: s.floor, width: 1.5, dash: [2, 3], paths: stepped, value: value, spanGaps: true}});
        }
        if (limitsOn(run, 3))
        {
            equityColumns.push({run: r, col: 5, limit: true,
                series: {label: 'daily loss limit' + suffix(run), stroke: s.daily, width: 1.5, dash: [10, 3, 2, 3], paths: stepped, value: value,
                    spanGaps: true}});
        }
        drawdownColumns.push({run: r, col: 6, limit: false,
            series: {label: 'drawdown' + suffix(run), stroke: s.dd, fill: r === 0 ? 'rgba(214,39,40,0.10)' : undefined, width: r === 0 ? 1.5 : 2,
                scale: 'dd', value: percent, spanGaps: true}});
        if (limitsOn(run, 1))
        {
            drawdownColumns.push({run: r, col: 7, limit: true,
                series: {label: 'drawdown cap' + suffix(run), stroke: s.cap, width: 1.5, dash: [8, 4], paths: stepped, scale: 'dd', value: percent,
                    spanGaps: true}});
        }
    });

    function seriesOf(descriptors)
    {
        return [{label: 'time (UTC)', value: function (u, v) { return v == null ? '-' : utc(v); }}]
            .concat(descriptors.map(function (d) { return d.series; }));
    }

    /** Positions (1-based, as in the chart's data) of the account's lines, or of the limit lines. */
    function positions(descriptors, limit)
    {
        var out = [];
        descriptors.forEach(function (d, i)
        {
            if (d.limit === limit)
            {
                out.push(i + 1);
            }
        });
        return out;
    }

    /**
     * The y range of the window: the lines of the account (equity, peak; drawdown) always, a limit only when it is
     * near them (within the account's own range below it), or always with "all limits" on: a floor of 500 under an
     * equity of 10,000 would otherwise flatten the line that matters.
     */
    function yRange(main, limits, floorAtZero)
    {
        return function (u)
        {
            var x = u.data[0];
            var i0 = lowerBound(x, view.min);
            var i1 = Math.min(x.length - 1, lowerBound(x, view.max));
            var lo = Infinity;
            var hi = -Infinity;
            var k;
            var i;
            var v;
            for (k = 0; k < main.length; k++)
            {
                for (i = i0; i <= i1; i++)
                {
                    v = u.data[main[k]][i];
                    if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
                }
            }
            if (lo === Infinity)
            {
                return [0, 1];
            }
            var reach = Math.max(hi - lo, Math.abs(hi) * 0.001);
            for (k = 0; k < limits.length; k++)
            {
                for (i = i0; i <= i1; i++)
                {
                    v = u.data[limits[k]][i];
                    if (v != null && (fitAllLimits || (v >= lo - reach && v <= hi + reach)))
                    {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (floorAtZero)
            {
                lo = Math.min(0, lo);
            }
            var pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.01 || 1;
            return [floorAtZero ? lo : lo - pad, hi + pad];
        };
    }

    var data = buildData(fullMin, fullMax);
    var charts = [];
    var refreshing = false;
    var pending = 0;

    function options(title, height, series, scaleKey, range, yLabel)
    {
        var scales = {x: {time: true}};
        scales[scaleKey] = {range: range};
        return {
            title: title,
            width: chartWidth(),
            height: height,
            tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
            scales: scales,
            series: series,
            axes: [
                {},
                {scale: scaleKey, size: 90, label: yLabel, values: function (u, vals) { return vals.map(function (v) { return v.toLocaleString('en'); }); }}
            ],
            cursor: {
                sync: {key: 'ringfence-report'},
                drag: {x: true, y: false, setScale: true},
                bind: {dblclick: function () { return function () { setWindow(fullMin, fullMax); return null; }; }}
            },
            legend: {live: true},
            hooks: {
                setScale: [function (u, key)
                {
                    if (key === 'x' && !refreshing)
                    {
                        schedule(u.scales.x.min, u.scales.x.max);
                    }
                }],
                draw: [drawMarkers],
                setCursor: [showTip]
            }
        };
    }

    // ---------------------------------------------------------------- markers

    function drawMarkers(u)
    {
        var ctx = u.ctx;
        var top = u.bbox.top;
        var height = u.bbox.height;
        var left = u.bbox.left;
        var right = u.bbox.left + u.bbox.width;
        var size = 5 * uPlot.pxRatio;
        ctx.save();
        // the rarer and graver on top: a trip is never hidden under the flatten it started
        ['trade', 'damaged', 'rearm', 'flatten', 'trip'].forEach(function (pass)
        {
            runs.forEach(function (run, r)
            {
                var from = lowerBound(run.markerXs, view.min);
                for (var i = from; i < run.markers.length && run.markers[i].x <= view.max; i++)
                {
                    var m = run.markers[i];
                    if ((KINDS[m.kind] ? m.kind : 'damaged') !== pass)
                    {
                        continue;
                    }
                    drawMarker(ctx, u, KINDS[pass], m.x, r, top, height, left, right, size);
                }
            });
        });
        ctx.restore();
    }

    function drawMarker(ctx, u, kind, value, r, top, height, left, right, size)
    {
        var x = Math.round(u.valToPos(value, 'x', true));
        if (x < left || x > right)
        {
            return;
        }
        ctx.globalAlpha = kind.alpha;
        ctx.strokeStyle = kind.colour;
        ctx.fillStyle = kind.colour;
        ctx.lineWidth = kind.width * uPlot.pxRatio;
        ctx.setLineDash(r === 0 ? [] : [4 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
        ctx.beginPath();
        ctx.moveTo(x + 0.5, top);
        ctx.lineTo(x + 0.5, top + height);
        ctx.stroke();
        ctx.globalAlpha = 1;
        ctx.beginPath();
        if (r === 0)
        {
            ctx.moveTo(x - size, top);
            ctx.lineTo(x + size, top);
            ctx.lineTo(x, top + size * 1.6);
        }
        else
        {
            ctx.moveTo(x - size, top + height);
            ctx.lineTo(x + size, top + height);
            ctx.lineTo(x, top + height - size * 1.6);
        }
        ctx.closePath();
        ctx.fill();
    }

    var tip = document.getElementById('tip');

    function showTip(u)
    {
        var left = u.cursor.left;
        if (left == null || left < 0)
        {
            tip.style.display = 'none';
            return;
        }
        var at = u.posToVal(left, 'x');
        var perPixel = (view.max - view.min) / (u.bbox.width / uPlot.pxRatio);
        var tolerance = 5 * perPixel;
        var lines = [];
        runs.forEach(function (run)
        {
            for (var i = lowerBound(run.markerXs, at - tolerance); i < run.markers.length && run.markers[i].x <= at + tolerance; i++)
            {
                lines.push({run: run.name, marker: run.markers[i]});
            }
        });
        if (lines.length === 0)
        {
            tip.style.display = 'none';
            return;
        }
        var shown = lines.slice(0, 12);
        tip.innerHTML = '';
        shown.forEach(function (line)
        {
            var kind = KINDS[line.marker.kind] || KINDS.damaged;
            var row = document.createElement('div');
            var swatch = document.createElement('span');
            swatch.className = 'swatch';
            swatch.style.background = kind.colour;
            row.appendChild(swatch);
            row.appendChild(document.createTextNode(utc(line.marker.x) + (TWO ? ' [' + line.run + '] ' : ' ') + line.marker.text));
            tip.appendChild(row);
        });
        if (lines.length > shown.length)
        {
            var more = document.createElement('div');
            more.textContent = 'and ' + (lines.length - shown.length) + ' more: zoom in';
            tip.appendChild(more);
        }
        var box = u.over.getBoundingClientRect();
        tip.style.display = 'block';
        var x = box.left + window.scrollX + left + 14;
        tip.style.left = Math.min(x, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8) + 'px';
        tip.style.top = (box.top + window.scrollY + u.cursor.top + 14) + 'px';
    }

    // ---------------------------------------------------------------- zoom and pan

    function schedule(min, max)
    {
        if (pending)
        {
            cancelAnimationFrame(pending);
        }
        pending = requestAnimationFrame(function ()
        {
            pending = 0;
            refresh(min, max);
        });
    }

    function setWindow(min, max)
    {
        var width = Math.min(max - min, fullMax - fullMin);
        width = Math.max(width, 0.05);
        if (min < fullMin) { min = fullMin; max = min + width; }
        if (max > fullMax) { max = fullMax; min = max - width; }
        refresh(Math.max(min, fullMin), Math.min(max, fullMax));
    }

    function refresh(min, max)
    {
        view.min = min;
        view.max = max;
        var fresh = buildData(min, max);
        refreshing = true;
        try
        {
            charts[0].setData(fresh.equity, false);
            charts[1].setData(fresh.drawdown, false);
            charts.forEach(function (c) { c.setScale('x', {min: min, max: max}); });
        }
        finally
        {
            refreshing = false;
        }
        label();
        remember();
    }

    /** The window in view is kept in the address (#from=...&to=..., UTC): a zoomed view can be bookmarked or shared. */
    function remember()
    {
        if (window.history && history.replaceState)
        {
            var hash = view.min <= fullMin && view.max >= fullMax ? '' :
                '#from=' + new Date(view.min * 1000).toISOString() + '&to=' + new Date(view.max * 1000).toISOString();
            history.replaceState(null, '', location.pathname + location.search + hash);
        }
    }

    function recalled()
    {
        var m = /from=([^&]+)&to=([^&]+)/.exec(location.hash);
        if (!m)
        {
            return null;
        }
        var from = Date.parse(decodeURIComponent(m[1])) / 1000;
        var to = Date.parse(decodeURIComponent(m[2])) / 1000;
        return isFinite(from) && isFinite(to) && to > from ? [from, to] : null;
    }

    function label()
    {
        var samples = runs.reduce(function (sum, run) { return sum + run.samples; }, 0);
        document.getElementById('window').textContent = utc(view.min) + ' to ' + utc(view.max) + ' UTC: ' +
            view.drawn.toLocaleString('en') + ' points drawn of ' + samples.toLocaleString('en') + ' samples';
    }

    function zoom(factor, centre)
    {
        var c = centre == null ? (view.min + view.max) / 2 : centre;
        setWindow(c - (c - view.min) * factor, c + (view.max - c) * factor);
    }

    function pan(fraction)
    {
        var shift = (view.max - view.min) * fraction;
        setWindow(view.min + shift, view.max + shift);
    }

    function interactions(u)
    {
        u.over.addEventListener('wheel', function (e)
        {
            e.preventDefault();
            var rect = u.over.getBoundingClientRect();
            zoom(e.deltaY < 0 ? 0.8 : 1.25, u.posToVal(e.clientX - rect.left, 'x'));
        }, {passive: false});
        // shift-drag pans; caught before uPlot's own drag (which selects a range to zoom into)
        u.root.addEventListener('mousedown', function (e)
        {
            if (!e.shiftKey)
            {
                return;
            }
            e.stopPropagation();
            e.preventDefault();
            var startX = e.clientX;
            var startMin = view.min;
            var startMax = view.max;
            var perPixel = (startMax - startMin) / (u.bbox.width / uPlot.pxRatio);
            function move(m)
            {
                var shift = (m.clientX - startX) * perPixel;
                setWindow(startMin - shift, startMax - shift);
            }
            function up()
            {
                window.removeEventListener('mousemove', move);
                window.removeEventListener('mouseup', up);
            }
            window.addEventListener('mousemove', move);
            window.addEventListener('mouseup', up);
        }, true);
    }

    charts.push(new uPlot(options('Equity, peak and limits', 380, seriesOf(equityColumns), 'y',
        yRange(positions(equityColumns, false), positions(equityColumns, true), false), 'equity'), data.equity, document.getElementById('equity')));
    charts.push(new uPlot(options('Drawdown from the peak (%)', 220, seriesOf(drawdownColumns), 'dd',
        yRange(positions(drawdownColumns, false), positions(drawdownColumns, true), true), 'drawdown %'), data.drawdown,
        document.getElementById('drawdown')));
    charts.forEach(interactions);
    label();
    var start = recalled();
    if (start)
    {
        setWindow(start[0], start[1]);
    }

    document.getElementById('all').addEventListener('click', function () { setWindow(fullMin, fullMax); });
    document.getElementById('in').addEventListener('click', function () { zoom(0.5); });
    document.getElementById('out').addEventListener('click', function () { zoom(2); });
    document.getElementById('left').addEventListener('click', function () { pan(-0.25); });
    document.getElementById('right').addEventListener('click', function () { pan(0.25); });
    var limitsButton = document.createElement('button');
    limitsButton.id = 'limits';
    limitsButton.title = 'scale the equity axis to show every limit line, however far';
    limitsButton.textContent = 'all limits';
    limitsButton.addEventListener('click', function ()
    {
        fitAllLimits = !fitAllLimits;
        limitsButton.classList.toggle('on', fitAllLimits);
        refresh(view.min, view.max);
    });
    document.getElementById('all').after(limitsButton);
    document.addEventListener('keydown', function (e)
    {
        if (e.key === 'ArrowLeft') { pan(-0.25); }
        else if (e.key === 'ArrowRight') { pan(0.25); }
        else if (e.key === '+' || e.key === '=') { zoom(0.5); }
        else if (e.key === '-') { zoom(2); }
        else if (e.key === 'Home' || e.key === '0') { setWindow(fullMin, fullMax); }
    });
    window.addEventListener('resize', function ()
    {
        charts.forEach(function (c, i) { c.setSize({width: chartWidth(), height: i === 0 ? 380 : 220}); });
        refresh(view.min, view.max);
    });

    var legend = document.getElementById('markers-legend');
    Object.keys(KINDS).forEach(function (key)
    {
        var item = document.createElement('span');
        var swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = KINDS[key].colour;
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(KINDS[key].label));
        legend.appendChild(item);
    });
    if (TWO)
    {
        var where = document.createElement('span');
        where.textContent = 'markers: \u25BC at the top ' + runs[0].name + ', \u25B2 at the bottom (dashed) ' + runs[1].name;
        legend.appendChild(where);
    }
    window.RINGFENCE_REPORT_READY = true;
})();
