using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// One step of the store's schema: what it does to a file of version <paramref name="From"/> to make
/// it version <c>From + 1</c>. A step must be safe to run twice: a power cut after its commit and
/// before the version is written runs it again on the next start.
/// </summary>
internal sealed record StoreMigration(int From, string Description, Action<LiteDatabase> Apply);
