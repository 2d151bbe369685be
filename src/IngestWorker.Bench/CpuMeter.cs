using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// CPU-seconds spent by the bench process, by a second worker process and by the PostgreSQL server (its postmaster,
/// the backends it has reaped and those still alive), read from /proc: on a shared, loaded machine wall-clock times
/// swing with the load, CPU time barely does, so a change is judged by what it costs rather than how long it took.
/// Where the server is not on this machine (or /proc cannot be read) its share is reported as zero.
/// </summary>
internal sealed class CpuMeter
{
    private const int ClockTicksPerSecond = 100;
    private readonly int? _postmaster;
    private readonly int? _second;

    private CpuMeter(int? postmaster, int? second) => (_postmaster, _second) = (postmaster, second);

    /// <summary>A meter of this process, of <paramref name="secondWorker"/> when given, and of the server behind <paramref name="dataSource"/>.</summary>
    public static async Task<CpuMeter> StartAsync(NpgsqlDataSource dataSource, int? secondWorker, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select current_setting('data_directory')");
        var dataDirectory = (string)(await command.ExecuteScalarAsync(ct))!;
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        int? postmaster = File.Exists(pidFile) && int.TryParse((await File.ReadAllLinesAsync(pidFile, ct)).FirstOrDefault(), out var pid) ? pid : null;
        return new CpuMeter(postmaster, secondWorker);
    }

    /// <summary>CPU-seconds so far: this process, the server, the second worker.</summary>
    public (double Bench, double Server, double Second) Sample() =>
        (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, ServerSeconds(), _second is { } id ? ProcessSeconds(id, withChildren: false) : 0);

    private double ServerSeconds()
    {
        if (_postmaster is not { } postmaster)
        {
            return 0;
        }

        var total = ProcessSeconds(postmaster, withChildren: true);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var id) && id != postmaster && Stat(id) is { } stat && stat.ParentId == postmaster)
            {
                total += stat.Seconds;
            }
        }

        return total;
    }

    private static double ProcessSeconds(int id, bool withChildren) =>
        Stat(id) is { } stat ? stat.Seconds + (withChildren ? stat.ChildSeconds : 0) : 0;

    /// <summary>Fields of /proc/PID/stat after the command name (which may hold spaces): 4 ppid, 14 utime, 15 stime, 16 cutime, 17 cstime.</summary>
    private static (int ParentId, double Seconds, double ChildSeconds)? Stat(int id)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{id}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Ticks(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / (double)ClockTicksPerSecond;
        return (int.Parse(fields[4 - 3], CultureInfo.InvariantCulture), Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
    }
}
