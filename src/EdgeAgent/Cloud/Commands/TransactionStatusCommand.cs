using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>transaction-status</c> {chargerId, transactionId?}: <see cref="ChargerQuestions.TransactionStatusAsync"/>.</summary>
public sealed class TransactionStatusCommand(ChargerQuestions questions) : ICloudCommand
{
    public string Name => "transaction-status";

    public async Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken) =>
        QuestionAnswer.Of(await questions.TransactionStatusAsync(
            CommandArguments.RequiredString(command, "chargerId"),
            CommandArguments.OptionalString(command, "transactionId"),
            cancellationToken).ConfigureAwait(false));
}
