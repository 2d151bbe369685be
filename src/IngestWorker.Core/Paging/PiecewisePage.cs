namespace IngestWorker.Core.Paging;

/// <summary>
/// Pages of items that each hold a list of parts (a timeline's points, a base's runs), where one item may
/// hold more parts than a page can carry. A page ends before <see cref="PageRequest.MaxWeight"/> is passed,
/// inside an item when need be: that piece of it is marked as continuing, and the next page starts with the
/// same item at its next part. A cursor names the last item given, and its last part when the page ended
/// inside it.
/// </summary>
public static class PiecewisePage
{
    private const char PartSeparator = '\u001e';

    /// <summary>The position a cursor names.</summary>
    /// <param name="Part">The last part given of <paramref name="Item"/>; null when the whole item was given.</param>
    public sealed record Position(string Item, string? Part)
    {
        /// <exception cref="BadPageRequestException">The cursor was not made here.</exception>
        public static Position? Of(string? after) => after?.Split(PartSeparator) switch
        {
            null => null,
            [var item] => new Position(item, null),
            [var item, var part] => new Position(item, part),
            _ => throw new BadPageRequestException("cursor is not one this worker gave out; start again without it."),
        };

        public override string ToString() => Part is null ? Item : Item + PartSeparator + Part;
    }

    /// <summary>
    /// Cuts one page from <paramref name="items"/>: the items from the cursor's on, in key order (the cursor's
    /// item first when the previous page ended inside it).
    /// </summary>
    /// <param name="moreAfter">Whether other items follow the last of <paramref name="items"/>.</param>
    public static Page<T> Cut<T, TPart>(IReadOnlyList<T> items, PieceShape<T, TPart> shape, Position? after, int limit, int total, bool moreAfter)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(shape);
        var page = new List<T>();
        var carried = 0L;
        Page<T> EndAt(Position? next) => new(page, total, limit, next is null ? null : PageRequest.Encode(next.ToString()));

        foreach (var item in items)
        {
            var parts = shape.Parts(item);
            var first = after?.Part is { } lastGiven && shape.Key(item) == after.Item ? FirstAfter(parts, shape.PartKey, lastGiven) : 0;
            if (first == parts.Count && parts.Count > 0)
            {
                continue;
            }

            if (page.Count == limit)
            {
                return EndAt(new Position(shape.Key(page[^1]), null));
            }

            carried += shape.HeadWeight(item, first == 0);
            var taken = new List<TPart>();
            foreach (var part in parts.Skip(first))
            {
                var weight = shape.PartWeight(part);
                if ((page.Count > 0 || taken.Count > 0) && carried + weight > PageRequest.MaxWeight)
                {
                    // The page ends inside this item, or before it when none of its parts fit.
                    if (taken.Count == 0)
                    {
                        return EndAt(new Position(shape.Key(page[^1]), null));
                    }

                    page.Add(shape.Piece(item, taken, first == 0, true));
                    return EndAt(new Position(shape.Key(item), shape.PartKey(taken[^1])));
                }

                carried += weight;
                taken.Add(part);
            }

            page.Add(first == 0 ? item : shape.Piece(item, taken, false, false));
        }

        return EndAt(moreAfter && page.Count > 0 ? new Position(shape.Key(page[^1]), null) : null);
    }

    /// <summary>Where an item goes on after the part a cursor names; from its start when that part is gone (the data moved).</summary>
    private static int FirstAfter<TPart>(IReadOnlyList<TPart> parts, Func<TPart, string> partKey, string lastGiven)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (partKey(parts[i]) == lastGiven)
            {
                return i + 1;
            }
        }

        return 0;
    }
}

/// <summary>How <see cref="PiecewisePage"/> sees an item: its key, its parts, what each weighs, and how a piece of it is made.</summary>
/// <param name="HeadWeight">The rows an item carries besides its parts; told whether this is its first piece.</param>
/// <param name="Piece">The item with only these parts; told whether this is its first piece and whether it continues on the next page.</param>
public sealed record PieceShape<T, TPart>(
    Func<T, string> Key,
    Func<T, IReadOnlyList<TPart>> Parts,
    Func<TPart, string> PartKey,
    Func<T, bool, int> HeadWeight,
    Func<TPart, int> PartWeight,
    Func<T, IReadOnlyList<TPart>, bool, bool, T> Piece);
