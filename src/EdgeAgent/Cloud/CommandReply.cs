using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The message that answers a command: on its response topic with its correlation data, or on cmd-result.</summary>
public static class CommandReply
{
    /// <param name="protocol">The connection the answer goes out on. At 3.1.1 MQTTnet refuses to send a message
    /// with MQTT 5 properties (content type, correlation data), so it carries none there.</param>
    public static MqttApplicationMessage Build(string siteId, CommandResult result, string? responseTopic, byte[]? correlation, MqttProtocolVersion protocol)
    {
        var reply = new MqttApplicationMessageBuilder()
            .WithTopic(string.IsNullOrEmpty(responseTopic) ? CloudTopics.Of(siteId, CloudTopics.CommandResult) : responseTopic)
            .WithPayload(CloudPayloads.Result(result))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (protocol < MqttProtocolVersion.V500)
        {
            return reply.Build();
        }

        reply.WithContentType("application/json");
        if (correlation is { Length: > 0 })
        {
            reply.WithCorrelationData(correlation);
        }

        return reply.Build();
    }
}
