namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The MQTT topics of docs/mqtt.md, all under <c>chargenet/v1/{siteId}/</c>.</summary>
public static class CloudTopics
{
    public const string Prefix = "chargenet/v1/";
    public const string Status = "status";
    public const string Telemetry = "telemetry";
    public const string Events = "events";
    public const string Sessions = "sessions";
    public const string CommandResult = "cmd-result";
    public const string CommandPrefix = "cmd/";
    public const string Authorize = "authorize";
    public const string AuthorizeResult = "authorize-result";

    /// <summary>The full topic of <paramref name="leaf"/> (e.g. <c>events</c>) for a site.</summary>
    public static string Of(string siteId, string leaf) => Prefix + siteId + "/" + leaf;

    /// <summary>The filter for every command sent to a site.</summary>
    public static string Commands(string siteId) => Prefix + siteId + "/" + CommandPrefix + "+";

    /// <summary>The command name of a <c>…/cmd/{name}</c> topic, or null when the topic is not one.</summary>
    public static string? CommandName(string siteId, string topic)
    {
        var prefix = Prefix + siteId + "/" + CommandPrefix;
        return topic.StartsWith(prefix, StringComparison.Ordinal) && topic.Length > prefix.Length ? topic[prefix.Length..] : null;
    }
}
