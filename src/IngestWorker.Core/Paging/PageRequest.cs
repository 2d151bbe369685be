using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IngestWorker.Core.Paging;

/// <summary>
/// Which page to give: at most <see cref="Limit"/> items after the one the cursor names. A cursor is the
/// last item's sort key, opaque to clients (base64url), so a page never shifts when rows are added before it.
/// </summary>
public sealed record PageRequest(int Limit, string? After)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>
    /// How much one page may hold, counted in the rows its items carry (a timeline's points and sources, a
    /// base's statements): a page stops before the item that would take it past this, though it always holds
    /// one item (a timeline too long for one page goes on on the next). Without it a page of 100 series was
    /// 109 MB at 10,000 generated articles, and the list routes' memory and latency grew with the data, not
    /// with the page; at 500 the largest default page there is about 0.5 MB.
    /// </summary>
    public const int MaxWeight = 500;

    public static PageRequest First { get; } = new(DefaultLimit, null);

    /// <exception cref="BadPageRequestException">The limit is out of range or the cursor was not made here.</exception>
    public static PageRequest From(int? limit, string? cursor)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new BadPageRequestException($"limit must be between 1 and {MaxLimit}, not {limit}.");
        }

        return new PageRequest(limit ?? DefaultLimit, string.IsNullOrEmpty(cursor) ? null : Decode(cursor));
    }

    /// <summary>
    /// A cursor for the item with this key: the key, with a check of it in front, so that a cursor this worker
    /// did not make (typed, cut short, edited) is refused instead of read as a position. The check is no secret;
    /// it catches mistakes and guesses, and a cursor stays good across restarts and between workers.
    /// </summary>
    public static string Encode(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        return Base64Url.EncodeToString([.. CheckOf(bytes), .. bytes]);
    }

    /// <summary>Pages a list already in key order (ordinal).</summary>
    /// <param name="weight">The rows an item carries, when items are not all small: the page ends before <see cref="MaxWeight"/> is passed.</param>
    public Page<T> Take<T>(IReadOnlyList<T> sorted, Func<T, string> key, Func<T, int>? weight = null)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentNullException.ThrowIfNull(key);
        var start = 0;
        if (After is not null)
        {
            // Binary search for the first key past the cursor.
            var (low, high) = (0, sorted.Count);
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (string.CompareOrdinal(key(sorted[mid]), After) <= 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            start = low;
        }

        var items = new List<T>(Math.Min(Limit, sorted.Count - start));
        var carried = 0L;
        for (var i = start; i < sorted.Count && items.Count < Limit; i++)
        {
            carried += weight?.Invoke(sorted[i]) ?? 0;
            if (items.Count > 0 && carried > MaxWeight)
            {
                break;
            }

            items.Add(sorted[i]);
        }

        var more = start + items.Count < sorted.Count;
        return new Page<T>(items, sorted.Count, Limit, more && items.Count > 0 ? Encode(key(items[^1])) : null);
    }

    /// <summary>
    /// Pages a list kept in an order of its own rather than by a key (a timeline's order, the order reports came
    /// in): the cursor is a position in it, so an item placed before those already given makes the next page
    /// give one again, never skip one.
    /// </summary>
    public Page<T> TakeInOrder<T>(IReadOnlyList<T> ordered, Func<T, int>? weight = null)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var positions = Take(Enumerable.Range(0, ordered.Count).ToList(), i => i.ToString("D9", CultureInfo.InvariantCulture),
            weight is null ? null : i => weight(ordered[i]));
        return new Page<T>(positions.Items.Select(i => ordered[i]).ToList(), positions.Total, positions.Limit, positions.NextCursor);
    }

    private static string Decode(string cursor)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException e)
        {
            throw new BadPageRequestException("cursor is not one this worker gave out (it is not base64url); start again without it.", e);
        }

        if (bytes.Length < CheckLength || !bytes.AsSpan(0, CheckLength).SequenceEqual(CheckOf(bytes.AsSpan(CheckLength))))
        {
            throw new BadPageRequestException("cursor is not one this worker gave out (its check does not match: it was cut short or changed); start again without it.");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, CheckLength, bytes.Length - CheckLength);
        }
        catch (DecoderFallbackException e)
        {
            throw new BadPageRequestException("cursor is not one this worker gave out; start again without it.", e);
        }
    }

    private const int CheckLength = 6;

    private static byte[] CheckOf(ReadOnlySpan<byte> key) => SHA256.HashData(key)[..CheckLength];
}
