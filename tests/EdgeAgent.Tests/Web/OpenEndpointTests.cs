using System.Reflection;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web;
using ChargeNet.EdgeAgent.Web.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Web;

/// <summary>What the unauthenticated endpoints give away and cost (issue 14, item 8).</summary>
public sealed class OpenEndpointTests
{
    internal const string SecretPath = "/var/lib/chargenet/store/edge.db";

    [Fact]
    public async Task Readyz_names_no_exception_text_or_file_path_when_the_store_fails()
    {
        var store = DispatchProxy.Create<IEdgeStore, FailingStore>();

        var result = await EdgeWeb.Ready(store, null!, null!, NullLoggerFactory.Instance, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(503, problem.StatusCode);
        Assert.DoesNotContain(SecretPath, problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("disk I/O", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrapes_count_the_stored_events_at_most_once_a_minute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));
        var counts = 0;
        using var gauge = new StoredEventsGauge(_ => Task.FromResult(Interlocked.Increment(ref counts) * 10), time);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(10, await gauge.GetAsync(CancellationToken.None));
        }

        time.Advance(StoredEventsGauge.MaxAge);
        Assert.Equal(20, await gauge.GetAsync(CancellationToken.None));
        Assert.Equal(2, counts);
    }
}

/// <summary>A store whose every part fails the way a broken disk does: with a message that names the file.</summary>
public class FailingStore : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.ReturnType.IsInterface == true && targetMethod.Name.StartsWith("get_", StringComparison.Ordinal)
            ? typeof(DispatchProxy).GetMethod(nameof(DispatchProxy.Create), 2, [])!.MakeGenericMethod(targetMethod.ReturnType, typeof(FailingStore)).Invoke(null, null)
            : throw new IOException($"{OpenEndpointTests.SecretPath}: disk I/O error");
}
