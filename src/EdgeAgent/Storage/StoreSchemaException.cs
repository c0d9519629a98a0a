namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The data file cannot be used by this daemon (written by a newer version); it was left unchanged.</summary>
public sealed class StoreSchemaException : Exception
{
    public StoreSchemaException()
    {
    }

    public StoreSchemaException(string message)
        : base(message)
    {
    }

    public StoreSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
