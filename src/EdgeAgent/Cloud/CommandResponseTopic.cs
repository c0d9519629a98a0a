namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// docs/security.md: an answer goes only under the site's own prefix <c>chargenet/v1/{siteId}/</c>, so
/// whoever may publish a command cannot make the edge publish into another site's topics or anyone
/// else's. Not under <c>cmd/</c> (the answer would come back as a command) nor onto the topics the edge
/// itself publishes, and never a wildcard.
/// </summary>
public static class CommandResponseTopic
{
    private static readonly string[] EdgeOwned = [CloudTopics.Status, CloudTopics.Telemetry, CloudTopics.Events, CloudTopics.Sessions, CloudTopics.Authorize, CloudTopics.AuthorizeResult];

    /// <returns>Why <paramref name="topic"/> may not carry the answer, or null when it may (or there is none).</returns>
    public static string? Refusal(string siteId, string? topic)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return null;
        }

        var prefix = CloudTopics.Prefix + siteId + "/";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal) || topic.Length == prefix.Length
            || topic.AsSpan().IndexOfAny('+', '#', '\0') >= 0)
        {
            return $"the response topic must be under {prefix} (no wildcards); not run";
        }

        var leaf = topic[prefix.Length..];
        return leaf.StartsWith(CloudTopics.CommandPrefix, StringComparison.Ordinal) || EdgeOwned.Any(t => leaf == t || leaf.StartsWith(t + "/", StringComparison.Ordinal))
            ? $"the response topic may not be {prefix}{leaf}: cmd/ and the edge's own topics are not answers; not run"
            : null;
    }
}
