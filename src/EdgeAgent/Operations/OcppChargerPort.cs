using System.Globalization;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Messages;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Operations;

/// <summary>
/// The operations' port onto the OCPP 1.6 central system: where OCPP's wire types stop (status words,
/// integer transaction ids, CALLERRORs). The one file to adapt when the drivers offer a
/// protocol-neutral charger interface.
/// </summary>
public sealed class OcppChargerPort(OcppServer server) : IChargerPort
{
    public bool Serves(string protocol) => protocol == ChargerProtocols.Ocpp16;

    public IChargerLink? Connected(string chargerId) =>
        server.GetChargePoint(chargerId) is { IsConnected: true } point ? new Link(point) : null;

    private sealed class Link(OcppChargePoint point) : IChargerLink
    {
        public string? RunningTransaction(int connectorId) =>
            point.Connectors.FirstOrDefault(c => c.ConnectorId == connectorId)?.TransactionId?.ToString(CultureInfo.InvariantCulture);

        public bool IsTransactionId(string transactionId, out string why)
        {
            why = "an OCPP 1.6 transaction id is an integer";
            return int.TryParse(transactionId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        }

        public Task<ChargerReply> StartAsync(string idTag, int? connectorId, CancellationToken cancellationToken) =>
            Ask(() => point.RemoteStartTransactionAsync(idTag, connectorId, cancellationToken));

        public Task<ChargerReply> StopAsync(string transactionId, CancellationToken cancellationToken) =>
            Ask(() => point.RemoteStopTransactionAsync(int.Parse(transactionId, CultureInfo.InvariantCulture), cancellationToken));

        public Task<ChargerReply> SetAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken) =>
            Ask(() => point.ChangeAvailabilityAsync(connectorId, operative ? "Operative" : "Inoperative", cancellationToken));

        public Task<ChargerReply> ResetAsync(bool hard, CancellationToken cancellationToken) =>
            Ask(() => point.ResetAsync(hard ? "Hard" : "Soft", cancellationToken));

        public Task<ChargerReply> UnlockAsync(int connectorId, CancellationToken cancellationToken) =>
            Ask(() => point.UnlockConnectorAsync(connectorId, cancellationToken));

        private async Task<ChargerReply> Ask(Func<Task<StatusResponse>> call)
        {
            try
            {
                var response = await call().ConfigureAwait(false);
                // Accepted; Scheduled (availability, after the running session); Unlocked (UnlockConnector).
                return new ChargerReply(response.Status is "Accepted" or "Scheduled" or "Unlocked" ? OperationKind.Done : OperationKind.Rejected, response.Status);
            }
            catch (OcppRpcException ex)
            {
                // A CALLERROR has a code; without one, the call timed out or the connection went.
                var kind = ex.ErrorCode is not null ? OperationKind.Failed : point.IsConnected ? OperationKind.Timeout : OperationKind.Unreachable;
                return new ChargerReply(kind, null, ex.Message);
            }
        }
    }
}
