using System.Text.Json.Serialization;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// site.json as System.Text.Json writes it: camelCase, nulls left out. For writing only: reading
/// through it would give every field a document leaves out default(T) instead of its init default
/// (dotnet/runtime#84484: a charger without "phases" would get 0 phases, a tariff without
/// "windowMinutes" 0 minutes), so every read goes through <see cref="SiteConfigurationReader"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SiteConfiguration))]
internal sealed partial class SiteConfigurationJsonContext : JsonSerializerContext;
