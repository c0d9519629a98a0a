namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>CancelReservation.req.</summary>
public sealed record CancelReservationRequest(
    int ReservationId);
