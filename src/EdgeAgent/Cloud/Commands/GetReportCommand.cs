using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>get-report</c> {chargerId, criteria?, component?, evseId?, variable?}: <see cref="ChargerQuestions.ReportAsync"/>.</summary>
public sealed class GetReportCommand(ChargerQuestions questions) : ICloudCommand
{
    public string Name => "get-report";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        QuestionAnswer.Of(await questions.ReportAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalStrings(command, "criteria"),
            CommandArguments.OptionalString(command, "component"),
            CommandArguments.OptionalInt(command, "evseId", 0, 100),
            CommandArguments.OptionalString(command, "variable"),
            cancellationToken).ConfigureAwait(false));
}
