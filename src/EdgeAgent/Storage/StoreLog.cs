using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Storage;

internal static partial class StoreLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Data file upgraded to schema version {Version}: {Step}")]
    public static partial void Migrated(ILogger logger, string step, int version);
}
