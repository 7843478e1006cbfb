package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the terminal of the current session said about each configured symbol: its spec arrived (and its
 * volume rules are the ones entries are checked against), was refused, or is missing. Entries on a symbol
 * are allowed only once its spec arrived in this session, so the engine never trades on a symbol the
 * terminal has not described, or described with numbers nobody can trade on.
 *
 * <p>A session whose terminal does not report specs at all exists only in journals written before
 * terminals did (replayed as they were decided): there the configured specs are in force.
 *
 * <p>Owned by the business thread. The arrays are allocated once; the name lists for the status board are
 * rebuilt only when a state changed (a handshake's worth of events), never on the hot path.
 */
final class TerminalSymbols
{
    static final byte MISSING = 0;
    static final byte ARRIVED = 1;
    static final byte REFUSED = 2;

    private final SymbolTable symbols;
    private final byte[] states;
    private final double[] volumeMins;
    private final double[] volumeSteps;
    private final double[] volumeMaxes;
    /** False only for a session replayed from a journal older than spec reports: the configured specs apply. */
    private boolean specsRequired = true;
    private boolean listsStale = true;
    private List<String> missing = List.of();
    private List<String> refused = List.of();

    TerminalSymbols(final SymbolTable symbols)
    {
        this.symbols = symbols;
        final int n = symbols.size();
        states = new byte[n];
        volumeMins = new double[n];
        volumeSteps = new double[n];
        volumeMaxes = new double[n];
        useConfiguredVolumes();
    }

    /** A terminal connected: nothing it has not described in this session is traded. */
    void newSession(final boolean reportsSpecs)
    {
        specsRequired = reportsSpecs;
        for (int i = 0; i < states.length; i++)
        {
            states[i] = MISSING;
        }
        useConfiguredVolumes();
        listsStale = true;
    }

    /**
     * The terminal's spec of a symbol. One that cannot be traded on (see {@link SymbolSpec#isUsable}) is refused
     * here too, whatever reported it. Returns false when it was refused.
     */
    boolean onSpec(
        final int symbolId, final double contractSize, final double volumeMin, final double volumeStep, final double volumeMax,
        final int digits)
    {
        if (!symbols.isKnown(symbolId))
        {
            return true;
        }
        if (!SymbolSpec.isUsable(contractSize, volumeMin, volumeStep, volumeMax, digits))
        {
            onRefused(symbolId);
            return false;
        }
        volumeMins[symbolId] = volumeMin;
        volumeSteps[symbolId] = volumeStep;
        volumeMaxes[symbolId] = volumeMax;
        setState(symbolId, ARRIVED);
        return true;
    }

    void onRefused(final int symbolId)
    {
        if (symbols.isKnown(symbolId))
        {
            setState(symbolId, REFUSED);
        }
    }

    private void setState(final int symbolId, final byte state)
    {
        if (states[symbolId] != state)
        {
            states[symbolId] = state;
            listsStale = true;
        }
    }

    /** True when entries on the (known) symbol may be considered: its spec arrived in this session. */
    boolean allowsEntries(final int symbolId)
    {
        return !specsRequired || states[symbolId] == ARRIVED;
    }

    /** Why entries on the symbol are denied, as a constant code ({@code MISSING} or {@code REFUSED}). */
    String denial(final int symbolId)
    {
        return states[symbolId] == REFUSED ? "REFUSED" : "MISSING";
    }

    /** The volume rule of the terminal's spec, or of the configured one until the terminal's arrived. */
    boolean isValidVolume(final int symbolId, final double volume)
    {
        return SymbolSpec.isValidVolume(volume, volumeMins[symbolId], volumeSteps[symbolId], volumeMaxes[symbolId]);
    }

    /** Symbols whose spec has not arrived in this session (entries denied), for the status board. */
    List<String> missing()
    {
        refreshLists();
        return missing;
    }

    /** Symbols whose spec the gateway refused in this session (entries denied), for the status board. */
    List<String> refused()
    {
        refreshLists();
        return refused;
    }

    private void refreshLists()
    {
        if (!listsStale)
        {
            return;
        }
        listsStale = false;
        final List<String> missingNow = new ArrayList<>();
        final List<String> refusedNow = new ArrayList<>();
        for (int i = 0; i < states.length && specsRequired; i++)
        {
            if (states[i] == MISSING)
            {
                missingNow.add(symbols.name(i));
            }
            else if (states[i] == REFUSED)
            {
                refusedNow.add(symbols.name(i));
            }
        }
        missing = Collections.unmodifiableList(missingNow);
        refused = Collections.unmodifiableList(refusedNow);
    }

    private void useConfiguredVolumes()
    {
        for (int i = 0; i < states.length; i++)
        {
            final SymbolSpec spec = symbols.spec(i);
            volumeMins[i] = spec.volumeMin();
            volumeSteps[i] = spec.volumeStep();
            volumeMaxes[i] = spec.volumeMax();
        }
    }
}
