using MQTTnet;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>Tells a broker's "I do not speak MQTT 5" from every other refusal of a CONNECT.</summary>
public static class ProtocolFallback
{
    /// <summary>
    /// MQTT 3.1.1 section 3.1.2.2: a 3.1.1 broker answers a protocol level it does not support with a
    /// 3.1.1 CONNACK, return code 1 (unacceptable protocol version), and closes. MQTTnet reads that CONNACK
    /// as MQTT 5 and reports the bare code 1, which is no MQTT 5 reason code (aedes 1.2.0 does this;
    /// <c>CloudMqtt311Tests</c>).
    /// </summary>
    private const MqttClientConnectResultCode UnacceptableProtocolVersion311 = (MqttClientConnectResultCode)1;

    /// <summary>True when the broker refused an MQTT 5 CONNECT for its protocol version: try 3.1.1.</summary>
    public static bool Wants311(MqttClientConnectResultCode code) =>
        code is MqttClientConnectResultCode.UnsupportedProtocolVersion or UnacceptableProtocolVersion311;
}
