namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>How often a recurring profile repeats.</summary>
public enum RecurrencyKindType
{
    Daily,
    Weekly,
}
