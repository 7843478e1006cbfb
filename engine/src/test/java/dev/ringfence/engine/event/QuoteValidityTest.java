package dev.ringfence.engine.event;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule for a quote the engine can price against, as the gateway, scenarios and the paper terminal apply it. */
class QuoteValidityTest
{
    @Property
    void anOrderedQuoteAbovePriceZeroIsValid(
        @ForAll @DoubleRange(min = 1e-9, max = 1e9) @Scale(9) final double bid, @ForAll @DoubleRange(min = 0, max = 1e6) final double spread)
    {
        assertTrue(TerminalReports.isValidQuote(bid, bid + spread));
    }

    @Property
    void aCrossedQuoteIsNot(@ForAll @DoubleRange(min = 1e-6, max = 1e9) @Scale(6) final double ask)
    {
        assertFalse(TerminalReports.isValidQuote(Math.nextUp(ask), ask));
    }

    @Test
    void aBidAtOrBelowZeroIsNot()
    {
        assertFalse(TerminalReports.isValidQuote(0, 1.1));
        assertFalse(TerminalReports.isValidQuote(-1.1, 1.1));
    }

    @Test
    void aQuoteThatIsNotANumberOrInfiniteIsNot()
    {
        assertFalse(TerminalReports.isValidQuote(Double.NaN, 1.1));
        assertFalse(TerminalReports.isValidQuote(1.1, Double.NaN));
        assertFalse(TerminalReports.isValidQuote(1.1, Double.POSITIVE_INFINITY));
        assertFalse(TerminalReports.isValidQuote(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
    }
}
