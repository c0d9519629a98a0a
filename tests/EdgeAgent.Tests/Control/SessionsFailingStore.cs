using System.Reflection;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>A store whose sessions fail the way a full or read-only disk does; every other part is the inner store's.</summary>
public class SessionsFailingStore : DispatchProxy
{
    private IEdgeStore? _inner;

    public static IEdgeStore Around(IEdgeStore inner)
    {
        var store = Create<IEdgeStore, SessionsFailingStore>();
        ((SessionsFailingStore)(object)store)._inner = inner;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == "get_" + nameof(IEdgeStore.Sessions))
        {
            return Create<ISessionStore, FailingSessions>();
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}

/// <summary>Sessions that cannot be read or written: each call fails with the disk's error.</summary>
public class FailingSessions : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new IOException("sessions: disk full");
}
