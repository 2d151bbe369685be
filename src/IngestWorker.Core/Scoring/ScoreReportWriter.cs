using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IngestWorker.Core.Scoring;

/// <summary>Prints a score report as a table for people or as JSON for machines.</summary>
public static class ScoreReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Table(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"Scored {report.Articles} articles.");
        w.WriteLine();
        w.WriteLine("claims          gold  found  matched  precision  recall     F1");
        Row(w, "troop counts", report.TroopCounts);
        Row(w, "base statuses", report.BaseStatuses);
        w.WriteLine();
        w.WriteLine("of matched claims             right");
        foreach (var a in report.Attributes)
        {
            var label = $"{(a.Claims == ClaimScorer.TroopCountsName ? "troop counts" : "base statuses")} {a.Attribute}";
            w.WriteLine($"{label,-28} {a.Right,3}/{a.Of,-3}  {a.Accuracy:0.00}");
        }

        w.WriteLine();
        w.WriteLine("targets");
        foreach (var target in ScoreTargets.Of(report))
        {
            w.WriteLine($"{target.Figure,-38} {target.Value:0.00} (at least {target.Minimum:0.00})  {(target.Met ? "met" : "NOT MET")}");
        }

        if (report.Differences.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("differences");
            foreach (var d in report.Differences)
            {
                var claims = d.Claims == ClaimScorer.TroopCountsName ? "troop count" : "base status";
                w.WriteLine($"  {d.File}: {d.What} {claims} {d.Claim}");
                if (d.Sentence.Length > 0)
                {
                    w.WriteLine($"      \"{d.Sentence}\"");
                }
            }
        }

        return w.ToString();
    }

    public static string Json(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var shape = new
        {
            articles = report.Articles,
            troopCounts = Figures(report.TroopCounts),
            baseStatuses = Figures(report.BaseStatuses),
            attributes = report.Attributes.Select(a => new { claims = a.Claims, attribute = a.Attribute, right = a.Right, of = a.Of, accuracy = Round(a.Accuracy) }),
            targets = ScoreTargets.Of(report).Select(t => new { figure = t.Figure, value = Round(t.Value), minimum = t.Minimum, met = t.Met }),
            differences = report.Differences.Select(d => new { file = d.File, claims = d.Claims, what = d.What, claim = d.Claim, sentence = d.Sentence }),
        };
        return JsonSerializer.Serialize(shape, JsonOptions);
    }

    private static object Figures(Tally t) =>
        new { gold = t.Gold, found = t.Found, matched = t.Matched, precision = Round(t.Precision), recall = Round(t.Recall), f1 = Round(t.F1) };

    private static double Round(double value) => Math.Round(value, 3);

    private static void Row(StringWriter w, string label, Tally t) =>
        w.WriteLine($"{label,-14} {t.Gold,5}  {t.Found,5}  {t.Matched,7}  {t.Precision,9:0.00}  {t.Recall,6:0.00}  {t.F1,5:0.00}");
}
