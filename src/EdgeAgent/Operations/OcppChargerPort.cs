using System.Globalization;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Operations;

/// <summary>
/// The operations' port onto the OCPP central system, any OCPP version: each call goes through the
/// charger's protocol-neutral control (<see cref="IChargePointControl"/>, 1.6 or 2.0.1 as it connected);
/// here the version's transaction-id form and the CALLERRORs become operation kinds.
/// </summary>
public sealed class OcppChargerPort(OcppServer server) : IChargerPort
{
    /// <summary>OCPP 2.0.1 transactionId is identifierString, at most 36 characters (RequestStopTransaction schema).</summary>
    public const int MaxOcpp201TransactionIdLength = 36;

    /// <summary>What a call that did not succeed came to: a CALLERROR has a code; without one, the call timed out or the connection went.</summary>
    public static OperationKind KindOf(OcppRpcException exception, bool connected)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ErrorCode is not null ? OperationKind.Failed : connected ? OperationKind.Timeout : OperationKind.Unreachable;
    }

    public bool Serves(string protocol) => ChargerProtocols.IsOcpp(protocol);

    public IChargerLink? Connected(string chargerId) =>
        server.GetChargePoint(chargerId) is { IsConnected: true, Control: { } control } ? new Link(control) : null;

    private sealed class Link(IChargePointControl control) : IChargerLink
    {
        public string? RunningTransaction(int connectorId) => control.TransactionOn(connectorId);

        /// <summary>OCPP 1.6 IdToken is CiString20Type; 2.0.1 IdTokenType.idToken is identifierString(36).</summary>
        public int MaxIdTagLength => control.Version == OcppVersion.V16 ? 20 : 36;

        public bool IsTransactionId(string transactionId, out string why)
        {
            if (control.Version == OcppVersion.V16)
            {
                why = "an OCPP 1.6 transaction id is an integer";
                return int.TryParse(transactionId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            }

            why = $"an OCPP 2.0.1 transaction id is 1 to {MaxOcpp201TransactionIdLength} characters";
            return transactionId.Length is > 0 and <= MaxOcpp201TransactionIdLength;
        }

        public Task<ChargerReply> StartAsync(string idTag, int? connectorId, CancellationToken cancellationToken) =>
            Ask(() => control.StartTransactionAsync(idTag, connectorId, cancellationToken));

        public Task<ChargerReply> StopAsync(string transactionId, CancellationToken cancellationToken) =>
            Ask(() => control.StopTransactionAsync(transactionId, cancellationToken));

        public Task<ChargerReply> SetAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken) =>
            Ask(() => control.ChangeAvailabilityAsync(connectorId, operative, cancellationToken));

        public Task<ChargerReply> ResetAsync(bool hard, int connectorId, CancellationToken cancellationToken) =>
            Ask(() => control.ResetAsync(hard ? ChargerResetKind.Hard : ChargerResetKind.Soft, connectorId, cancellationToken));

        public bool ResetsConnectors => control.ResetsConnectors;

        public string? TriggerRefusal(string message) => control.TriggerRefusal(message);

        public Task<ChargerReply> TriggerAsync(string message, int? connectorId, CancellationToken cancellationToken) =>
            Ask(() => control.TriggerMessageAsync(message, connectorId, cancellationToken));

        public Task<ChargerReply> UnlockAsync(int connectorId, CancellationToken cancellationToken) =>
            Ask(() => control.UnlockConnectorAsync(connectorId, cancellationToken));

        public Task<ChargerReply> ClearCacheAsync(CancellationToken cancellationToken) =>
            Ask(() => control.ClearCacheAsync(cancellationToken));

        public Uri? ReachedAt => control.ReachedAt;

        public Task<ChargerReply> UpdateFirmwareAsync(Uri location, DateTimeOffset retrieveAt, CancellationToken cancellationToken) =>
            Ask(() => control.UpdateFirmwareAsync(location, retrieveAt, cancellationToken));

        public Task<ChargerReply> UploadLogAsync(Uri location, CancellationToken cancellationToken) =>
            Ask(() => control.UploadLogAsync(location, cancellationToken));

        public Task<ChargerReading<ChargerTransactionStatus>> ReadTransactionStatusAsync(string? transactionId, CancellationToken cancellationToken) =>
            Read(() => control.ReadTransactionStatusAsync(transactionId, cancellationToken), "GetTransactionStatus", _ => true, _ => "Accepted");

        public Task<ChargerReading<ChargerReport>> ReadReportAsync(ChargerReportQuery query, CancellationToken cancellationToken) =>
            Read(() => control.ReadReportAsync(query, cancellationToken), "GetReport", r => r.Answer is "Accepted" or "EmptyResultSet", r => r.Answer);

        // A question the charger's OCPP version has no message for comes back null from the control: Unsupported, nothing was sent.
        private async Task<ChargerReading<T>> Read<T>(Func<Task<T?>> call, string message, Func<T, bool> done, Func<T, string> status)
            where T : class
        {
            try
            {
                return await call().ConfigureAwait(false) is { } value
                    ? new(new ChargerReply(done(value) ? OperationKind.Done : OperationKind.Rejected, status(value)), value)
                    : new(new ChargerReply(OperationKind.Unsupported, null, control.Version == OcppVersion.V16 ? $"it speaks OCPP 1.6, which has no {message}" : $"it answers no {message}"), null);
            }
            catch (OcppRpcException ex)
            {
                return new(new ChargerReply(KindOf(ex, control.IsConnected), null, ex.Message), null);
            }
        }

        private async Task<ChargerReply> Ask(Func<Task<ChargerCommandResult>> call)
        {
            try
            {
                var answer = await call().ConfigureAwait(false);
                return new ChargerReply(answer.Succeeded ? OperationKind.Done : OperationKind.Rejected, answer.Answer, FileName: answer.FileName);
            }
            catch (OcppRpcException ex)
            {
                return new ChargerReply(KindOf(ex, control.IsConnected), null, ex.Message);
            }
        }
    }
}
