using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>update-firmware</c> {chargerId, fileName, retrieveAt?}: <see cref="ChargerFileOperations.UpdateFirmwareAsync"/>.</summary>
public sealed class UpdateFirmwareCommand(ChargerFileOperations operations) : ICloudCommand
{
    public string Name => "update-firmware";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        FileOperationAnswer.Of(await operations.UpdateFirmwareAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalString(command, "fileName"),
            CommandArguments.OptionalTimestamp(command, "retrieveAt"),
            cancellationToken).ConfigureAwait(false));
}
