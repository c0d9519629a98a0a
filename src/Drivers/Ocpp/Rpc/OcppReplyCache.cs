namespace ChargeNet.Drivers.Ocpp.Rpc;

/// <summary>
/// The last replies sent on a connection by message id, so that a CALL whose id was already
/// handled is answered again with the same reply and not acted on twice. Used by one worker only.
/// </summary>
public sealed class OcppReplyCache(int capacity)
{
    private readonly Dictionary<string, byte[]> _replies = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string messageId, out byte[] reply) => _replies.TryGetValue(messageId, out reply!);

    public void Add(string messageId, byte[] reply)
    {
        if (!_replies.TryAdd(messageId, reply))
        {
            return;
        }

        _order.Enqueue(messageId);
        while (_order.Count > capacity)
        {
            _replies.Remove(_order.Dequeue());
        }
    }
}
