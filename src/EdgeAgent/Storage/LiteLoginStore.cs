using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteLoginStore : ILoginStore
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _logins;

    public LiteLoginStore(LiteDatabase database)
    {
        _database = database;
        _logins = database.GetCollection("logins");
    }

    public Task<LoginCredential?> FindAsync(string username, CancellationToken cancellationToken)
    {
        var doc = _logins.FindById(username);
        return Task.FromResult(doc is null ? null : FromBson(doc));
    }

    public Task<bool> AddIfAbsentAsync(LoginCredential credential, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _database.BeginTrans();
        try
        {
            var added = _logins.FindById(credential.Username) is null && _logins.Insert(ToBson(credential)) is not null;
            _database.Commit();
            return Task.FromResult(added);
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    public Task SetAsync(LoginCredential credential, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _logins.Upsert(ToBson(credential));
        return Task.CompletedTask;
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
