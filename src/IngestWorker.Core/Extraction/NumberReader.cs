using System.Globalization;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// Reads whole numbers written in digits or words. Vague quantities ("hundreds", "a dozen") are not
/// numbers: the contract wants no figure where the text gives none.
/// </summary>
internal static class NumberReader
{
    /// <summary>No troop figure in the news is larger; anything bigger is money or population.</summary>
    private const int Largest = 2_000_000;

    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    public static bool TryRead(Sentence sentence, int start, out NumberMention number)
    {
        number = default;
        if (start < 0 || start >= sentence.Count)
        {
            return false;
        }

        var token = sentence[start];
        return token.IsNumber ? TryReadDigits(sentence, start, out number) : TryReadWords(sentence, start, out number);
    }

    private static bool TryReadDigits(Sentence sentence, int start, out NumberMention number)
    {
        number = default;
        var text = sentence[start].Text;
        var hasComma = text.Contains(',', StringComparison.Ordinal);
        if (!decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var end = start + 1;
        if (sentence.Is(end, "thousand"))
        {
            value *= 1000;
            end++;
        }
        else if (sentence.Is(end, "hundred"))
        {
            value *= 100;
            end++;
        }

        if (value != decimal.Truncate(value) || value > Largest)
        {
            return false;
        }

        var whole = (int)value;
        var looksLikeYear = !hasComma && end == start + 1 && text.Length == 4 && whole is >= 1900 and <= 2100;
        number = new NumberMention(start, end, whole, InWords: false, looksLikeYear);
        return true;
    }

    private static bool TryReadWords(Sentence sentence, int start, out NumberMention number)
    {
        number = default;
        long total = 0;
        long current = 0;
        var read = false;
        var i = start;
        while (i < sentence.Count)
        {
            var word = sentence[i].Norm;
            if (Units.TryGetValue(word, out var unit))
            {
                current += unit;
                read = true;
                i++;
            }
            else if (Tens.TryGetValue(word, out var tens))
            {
                current += tens;
                read = true;
                i++;
                if (sentence.Is(i, "-") && i + 1 < sentence.Count && Units.TryGetValue(sentence[i + 1].Norm, out var after) && after is > 0 and < 10)
                {
                    current += after;
                    i += 2;
                }
            }
            else if (word == "a" && i == start && (sentence.Is(i + 1, "hundred") || sentence.Is(i + 1, "thousand")))
            {
                current = 1;
                read = true;
                i++;
            }
            else if (word == "hundred" && read && current is > 0 and < 100)
            {
                current *= 100;
                i++;
            }
            else if (word == "-" && read && current is > 0 and < 100 && (sentence.Is(i + 1, "hundred") || sentence.Is(i + 1, "thousand")))
            {
                // "Five-hundred", "two-thousand": a hyphen may join the multiplier.
                i++;
            }
            else if (word == "thousand" && read && current > 0 && total == 0)
            {
                total = current * 1000;
                current = 0;
                i++;
            }
            else if (word == "and" && read && (current >= 100 || total > 0) && i + 1 < sentence.Count
                     && (Units.ContainsKey(sentence[i + 1].Norm) || Tens.ContainsKey(sentence[i + 1].Norm)))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        var value = total + current;
        if (!read || value <= 0 || value > Largest)
        {
            return false;
        }

        number = new NumberMention(start, i, (int)value, InWords: true, LooksLikeYear: false);
        return true;
    }
}
