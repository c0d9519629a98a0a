using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Validates a command message, runs its command once per id, and turns every outcome into a
/// <see cref="CommandResult"/>. A bad message or an unknown command changes nothing.
/// </summary>
public sealed partial class CloudCommandDispatcher
{
    private const int MaxIdLength = 128;
    private readonly Dictionary<string, ICloudCommand> _commands;
    private readonly CommandIdCache _answered;
    private readonly ILogger<CloudCommandDispatcher> _logger;

    public CloudCommandDispatcher(IEnumerable<ICloudCommand> commands, IOptions<CloudSyncOptions> options, ILogger<CloudCommandDispatcher> logger)
    {
        _commands = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _answered = new CommandIdCache(options.Value.CommandIdMemory);
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

        if (!_commands.TryGetValue(name, out var handler))
        {
            LogRefused(name, id, "unknown command");
            return CommandResult.Failed(id, $"unknown command '{name}'; known: {string.Join(", ", _commands.Keys.Order(StringComparer.Ordinal))}");
        }

        return await _answered.GetOrRun(id, () => RunAsync(handler, id, command, cancellationToken)).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud command {Name} ({Id}) refused: {Reason}")]
    private partial void LogRefused(string name, string id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cloud command {Name} ({Id}) failed")]
    private partial void LogFailed(Exception exception, string name, string id);
}
