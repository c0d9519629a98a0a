using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>A connector held at one limit for two minutes, then set to another at <c>t0</c> and accepted 0.2 s later.</summary>
internal static class RaisedRuntime
{
    public static ConnectorRuntime At(DateTimeOffset t0, double fromA, double toA)
    {
        var runtime = new ConnectorRuntime("cp", 1, 32);
        var before = runtime.TryBeginSend(fromA, t0.AddSeconds(-120))!.Sent;
        runtime.CompleteSend(before, SetpointOutcome.Accepted, t0.AddSeconds(-119));
        var sent = runtime.TryBeginSend(toA, t0)!.Sent;
        runtime.CompleteSend(sent, SetpointOutcome.Accepted, t0.AddSeconds(0.2));
        return runtime;
    }
}
