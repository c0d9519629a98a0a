using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>upload-log</c> {chargerId}: <see cref="ChargerFileOperations.UploadLogAsync"/>; the file arrives in the edge's diagnostics (docs/ocpp.md).</summary>
public sealed class UploadLogCommand(ChargerFileOperations operations) : ICloudCommand
{
    public string Name => "upload-log";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        FileOperationAnswer.Of(await operations.UploadLogAsync(CommandArguments.RequiredString(command, "chargerId"), cancellationToken).ConfigureAwait(false));
}
