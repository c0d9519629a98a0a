namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>How often a recurring profile repeats.</summary>
public enum RecurrencyKindType
{
    Daily,
    Weekly,
}
