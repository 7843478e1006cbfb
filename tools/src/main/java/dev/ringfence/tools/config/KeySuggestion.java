package dev.ringfence.tools.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;

import java.util.Map;

/** The "did you mean" of an unknown configuration key: the known key it was most likely meant to be. */
final class KeySuggestion
{
    private KeySuggestion()
    {
    }

    /** The known key closest in spelling to {@code key} (a typo, a wrong case), or null when none is close. */
    static String nearest(final Config reference, final String key)
    {
        String cutShort = null;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final Map.Entry<String, ConfigValue> known : reference.entrySet())
        {
            final String name = known.getKey();
            if (key.contains(".") && name.startsWith(key) &&
                (cutShort == null || name.length() < cutShort.length() || name.length() == cutShort.length() && name.compareTo(cutShort) > 0))
            {
                // a key cut short (risk.maxDrawdown for risk.maxDrawdownPercent; of equal lengths the later in the alphabet)
                cutShort = name;
            }
            final int distance = distance(key.toLowerCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance || distance == bestDistance && name.compareTo(best) < 0)
            {
                best = name;
                bestDistance = distance;
            }
        }
        if (cutShort != null)
        {
            return cutShort;
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
