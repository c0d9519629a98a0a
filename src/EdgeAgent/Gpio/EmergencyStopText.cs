namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>Why an acknowledgement was refused, in the same words on the page, the REST API and the cloud command.</summary>
public static class EmergencyStopText
{
    public static string? Refusal(EmergencyStopAcknowledgement outcome) => outcome switch
    {
        EmergencyStopAcknowledgement.NotLatched => "the emergency stop is not latched: there is nothing to acknowledge",
        EmergencyStopAcknowledgement.StillActive => "the emergency-stop input is still active (or cannot be read): release the button and check the site first",
        _ => null,
    };
}
