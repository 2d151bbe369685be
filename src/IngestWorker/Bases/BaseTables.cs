using IngestWorker.Core.Extraction;
using Spectre.Console;
using static IngestWorker.Answers.TableCells;

namespace IngestWorker.Bases;

/// <summary>The base answers as <c>query bases</c> and <c>query statements</c> print them for people.</summary>
public static class BaseTables
{
    public static Table Bases(IReadOnlyList<BaseStatusView> bases)
    {
        var table = new Table().AddColumns("Base", "Status now", "Since", "Runs (from → status)", "Latest source");
        foreach (var b in bases)
        {
            table.AddRow(Cell(b.Base), Cell(b.Status.Word()), Cell(b.Since),
                Cell(string.Join("\n", b.Runs.Select(r => $"{r.Start ?? $"({Date(r.From)})"} {r.Status.Word()} [{r.StatementCount}]"))),
                Cell(b.Statements.Count > 0 ? SourceOf(b.Statements[^1].Source) : null));
        }

        return table;
    }

    public static Table Statements(IReadOnlyList<BaseStatementView> statements)
    {
        var table = new Table().AddColumns("Status", "As of", "Quote", "Source");
        foreach (var s in statements)
        {
            table.AddRow(Cell(s.Status.Word()), Cell(s.AsOf), Cell(Shorten(s.Quote, 90)), Cell(SourceOf(s.Source)));
        }

        return table;
    }
}
