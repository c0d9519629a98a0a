using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>What one send of a limit did: the charge point's verdict, the value on the wire, and the profile's validTo.</summary>
public sealed record OcppLimitSend(SetpointResult Result, double SentA, DateTimeOffset? ValidTo)
{
    /// <summary>
    /// The transaction the profile was a TxProfile of; null for a TxDefaultProfile. The charger deletes a TxProfile when its
    /// transaction ends (OCPP 1.6 section 3.13.2, OCPP 2.0.1 K01; docs/ocpp.md, "How limits are sent"), whatever its validTo says.
    /// </summary>
    public string? TransactionId { get; init; }

    /// <summary>Whether another party's limit shaped the schedule (<see cref="OcppCappedLimit.InForce"/>): not answered from again.</summary>
    public bool Capped { get; init; }

    /// <summary>
    /// Sends a SetChargingProfile (any version: <paramref name="send"/> returns the answer's status) and reads
    /// the answer: Accepted is applied, any other status rejected, a CALLERROR, timeout or lost connection failed.
    /// </summary>
    public static async Task<OcppLimitSend> AskAsync(string chargePointId, Func<Task<string>> send, (double InForceA, bool Capped) sent, DateTimeOffset? validTo, string? transactionId)
    {
        ArgumentNullException.ThrowIfNull(send);
        SetpointResult result;
        try
        {
            var status = await send().ConfigureAwait(false);
            result = status == "Accepted" ? SetpointResult.Accepted : SetpointResult.Rejected($"{chargePointId} answered SetChargingProfile with {status}.");
        }
        catch (OcppRpcException e)
        {
            result = SetpointResult.Failed(e.Message);
        }

        return new OcppLimitSend(result, sent.InForceA, validTo) { TransactionId = transactionId, Capped = sent.Capped };
    }
}
