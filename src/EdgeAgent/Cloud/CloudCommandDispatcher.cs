using System.Text.Json;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Validates a command message, runs its command once per id, and turns every outcome into a
/// <see cref="CommandResult"/>. A bad message or an unknown command changes nothing. "Once" holds
/// across restarts: each id is recorded in the store before its command runs, with its answer after.
/// </summary>
public sealed partial class CloudCommandDispatcher
{
    private const int MaxIdLength = 128;
    private readonly Dictionary<string, ICloudCommand> _commands;
    private readonly CommandIdCache _answered;
    private readonly ICommandRecordStore _records;
    private readonly TimeProvider _time;
    private readonly SiteConfigurationService _configuration;
    private readonly int _remembered;
    private readonly ILogger<CloudCommandDispatcher> _logger;

    public CloudCommandDispatcher(
        IEnumerable<ICloudCommand> commands,
        IEdgeStore store,
        SiteConfigurationService configuration,
        TimeProvider time,
        IOptions<CloudSyncOptions> options,
        ILogger<CloudCommandDispatcher> logger)
    {
        _configuration = configuration;
        _commands = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _remembered = Math.Max(1, options.Value.CommandIdMemory);
        _answered = new CommandIdCache(_remembered);
        _records = store.CommandRecords;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyCollection<string> Names => _commands.Keys;

    public async Task<CommandResult> ExecuteAsync(string name, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        JsonElement command;
        try
        {
            using var document = JsonDocument.Parse(payload);
            command = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            LogRefused(name, "-", "not JSON");
            return CommandResult.Failed(null, "the payload is not valid JSON: " + ex.Message);
        }

        if (command.ValueKind != JsonValueKind.Object)
        {
            return CommandResult.Failed(null, "the payload must be a JSON object");
        }

        if (!command.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || idElement.GetString() is not { Length: > 0 and <= MaxIdLength } id)
        {
            LogRefused(name, "-", "no id");
            return CommandResult.Failed(null, $"'id' is required (a string of 1 to {MaxIdLength} characters)");
        }

        var maxAgeS = _configuration.Current?.Site.Cloud?.CommandMaxAgeS ?? new CloudSettings().CommandMaxAgeS;
        if (CommandExpiry.Refusal(command, _time.GetUtcNow(), maxAgeS) is { } expired)
        {
            LogRefused(name, id, expired);
            return CommandResult.Failed(id, expired);
        }

        if (!_commands.TryGetValue(name, out var handler))
        {
            LogRefused(name, id, "unknown command");
            return CommandResult.Failed(id, $"unknown command '{name}'; known: {string.Join(", ", _commands.Keys.Order(StringComparer.Ordinal))}");
        }

        return await _answered.GetOrRun(id, () => RunOnceAsync(handler, id, command, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The answer to a command refused before it reached <see cref="ExecuteAsync"/>: with its id when it has one.</summary>
    public CommandResult Refuse(string name, ReadOnlyMemory<byte> payload, string error)
    {
        string? id = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("id", out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= MaxIdLength } text)
            {
                id = text;
            }
        }
        catch (JsonException)
        {
            // No id to quote: answered without one.
        }

        LogRefused(name, id ?? "-", error);
        return CommandResult.Failed(id, error);
    }

    // The in-memory cache covers repeats while this process runs; the store covers a repeat after a restart.
    private async Task<CommandResult> RunOnceAsync(ICloudCommand handler, string id, JsonElement command, CancellationToken cancellationToken)
    {
        if (await _records.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } known)
        {
            LogRepeated(handler.Name, id);
            return known.AnswerJson is { } answer
                ? JsonSerializer.Deserialize(answer, CloudJsonContext.Default.CommandResult)!
                // Begun but never answered: the edge stopped while it ran. Running it again could do it
                // twice (a second reset, a second session), so the cloud is told and decides.
                : CommandResult.Failed(id, $"{known.Name} was begun at {known.At:O} but the edge restarted before it finished; its outcome is unknown and it is not run again");
        }

        await _records.BeginAsync(id, handler.Name, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var result = await RunAsync(handler, id, command, cancellationToken).ConfigureAwait(false);
        await _records.FinishAsync(id, CloudPayloads.Result(result), CancellationToken.None).ConfigureAwait(false);
        await _records.TrimAsync(_remembered, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private async Task<CommandResult> RunAsync(ICloudCommand handler, string id, JsonElement command, CancellationToken cancellationToken)
    {
        try
        {
            var result = await handler.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            LogExecuted(handler.Name, id);
            return new CommandResult(id, true, null, result);
        }
        catch (CloudCommandException ex)
        {
            LogRefused(handler.Name, id, ex.Message);
            return CommandResult.Failed(id, ex.Message);
        }
#pragma warning disable CA1031 // Whatever a command throws is answered as an error; it must not reach the MQTT client.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFailed(ex, handler.Name, id);
            return CommandResult.Failed(id, $"{handler.Name} failed: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud command {Name} ({Id}) carried out")]
    private partial void LogExecuted(string name, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud command {Name} ({Id}) was delivered again; answered from the record, not run again")]
    private partial void LogRepeated(string name, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud command {Name} ({Id}) refused: {Reason}")]
    private partial void LogRefused(string name, string id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cloud command {Name} ({Id}) failed")]
    private partial void LogFailed(Exception exception, string name, string id);
}
