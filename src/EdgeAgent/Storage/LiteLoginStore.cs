using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteLoginStore : ILoginStore
{
    private readonly GatedCollection _logins;

    public LiteLoginStore(LiteTransactions file)
    {
        _logins = file.Collection("logins");
    }

    public Task<LoginCredential?> FindAsync(string username, CancellationToken cancellationToken)
    {
        var doc = _logins.Use(c => c.FindById(username));
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<bool> AddIfAbsentAsync(LoginCredential credential, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _logins.Durable(
            _logins.InTransaction(logins => logins.FindById(credential.Username) is null && logins.Insert(ToBson(credential)) is not null),
            cancellationToken);
    }

    public Task SetAsync(LoginCredential credential, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var doc = ToBson(credential);
        _logins.Use(c => c.Upsert(doc));
        return _logins.Durable(cancellationToken);
    }

    private static BsonDocument ToBson(LoginCredential credential) => new()
    {
        ["_id"] = credential.Username,
        ["salt"] = credential.Salt,
        ["hash"] = credential.Hash,
        ["iterations"] = credential.Iterations,
        ["setAt"] = BsonValues.From(credential.SetAt),
    };

    private static LoginCredential FromBson(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["salt"].AsBinary,
        doc["hash"].AsBinary,
        doc["iterations"].AsInt32,
        BsonValues.ToTime(doc["setAt"]));
}
