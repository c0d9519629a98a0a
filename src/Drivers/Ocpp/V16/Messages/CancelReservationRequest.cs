namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>CancelReservation.req.</summary>
public sealed record CancelReservationRequest(
    int ReservationId);
