using System.Text.Json.Serialization;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// site.json as System.Text.Json sees it: camelCase, unknown fields refused, nulls left out on
/// write. Source-generated so parsing works trimmed and without reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SiteConfiguration))]
public sealed partial class SiteConfigurationJsonContext : JsonSerializerContext;
