namespace ChargeNet.Drivers.Ocpp.Rpc;

/// <summary>
/// Work a handler wants done after its reply has gone out (a central system must not send its own
/// CALLs to a charge point before the charge point has its BootNotification answer).
/// </summary>
public sealed class OcppAfterReply
{
    private List<Func<CancellationToken, Task>>? _work;

    /// <summary>Adds work to run, in order, once the reply is sent.</summary>
    public void Add(Func<CancellationToken, Task> work) => (_work ??= []).Add(work);

    internal IReadOnlyList<Func<CancellationToken, Task>> Work => (IReadOnlyList<Func<CancellationToken, Task>>?)_work ?? [];
}
