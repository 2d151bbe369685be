using JasperFx.Events;
using JasperFx.Events.Daemon;

namespace IngestWorker.Projections;

/// <summary>
/// An event a read-model projection cannot apply. Marten's daemon skips it and keeps it as a dead letter
/// (<c>SkipApplyErrors</c>); the dead letter keeps this message, which names the projection's own error.
/// </summary>
public sealed class PoisonEventException(IEvent @event, Exception error) : ApplyEventException(@event, error)
{
    public override string Message => $"{InnerException!.GetType().Name}: {InnerException.Message}";
}
