using ChargeNet.EdgeAgent.Hosting;
using ChargeNet.EdgeAgent.Web.Auth;
using ChargeNet.LoadBalancer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// The daemon's own composition (<c>AgentComposition</c>, as Program.cs builds it) run in this process on the demo site, with
/// one part swapped: an allocation strategy the test can make throw. Nothing from outside makes a cycle of the built daemon
/// fail (every device, store and hook failure is caught on its own path), so this is the one way to watch a page through
/// failing cycles.
/// </summary>
internal sealed class BreakableDaemon : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Task<int> _running;
    private readonly string _dataDir;

    private BreakableDaemon(WebApplication app, Task<int> running, string dataDir, Uri web, BreakableStrategy strategy)
    {
        _app = app;
        _running = running;
        _dataDir = dataDir;
        Web = web;
        Strategy = strategy;
    }

    public Uri Web { get; }

    /// <summary>Set <see cref="BreakableStrategy.Broken"/> and every cycle fails.</summary>
    public BreakableStrategy Strategy { get; }

    public static async Task<BreakableDaemon> StartAsync()
    {
        var dataDir = Directory.CreateTempSubdirectory("chargenet-breakable-").FullName;
        var options = new AgentOptions { Demo = true, DataDir = dataDir, WebUrls = "http://127.0.0.1:0", OcppUrls = "http://127.0.0.1:0" };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration[AdminAccount.PasswordVariable] = SiteDaemon.AdminPassword;
        builder.AddAgent(options);
        var strategy = new BreakableStrategy();
        builder.Services.AddSingleton<IAllocationStrategy>(strategy); // registered after the daemon's own: the one the loop gets
        var app = builder.Build();
        app.MapAgent();
        var output = new StringWriter();
        var said = TextWriter.Synchronized(output); // its writes lock the writer itself
        string Said()
        {
            lock (said)
            {
                return output.ToString();
            }
        }

        var running = app.RunAgentAsync(options, said, said);
        try
        {
            // One line per listener, the web's first (as the daemon prints them).
            string[] Listening() => [.. Said().Split('\n').Where(l => l.Contains("listening on ", StringComparison.Ordinal))];
            await Poll.UntilAsync(() => Task.FromResult(running.IsCompleted || Listening().Length >= 2), "the daemon to listen", TimeSpan.FromSeconds(60));
            if (running.IsCompleted)
            {
                throw new InvalidOperationException($"the daemon ended ({await running}): {Said()}");
            }

            var web = Listening()[0];
            return new BreakableDaemon(app, running, dataDir, new Uri(web[(web.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Trim() + "/"), strategy);
        }
        catch
        {
            await StopAsync(app, running, dataDir);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(_app, _running, _dataDir));

    private static async Task StopAsync(WebApplication app, Task<int> running, string dataDir)
    {
        await app.StopAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        await app.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>The daemon's strategy, or a throw while <see cref="Broken"/>.</summary>
    internal sealed class BreakableStrategy : IAllocationStrategy
    {
        private readonly FairShareStrategy _inner = new();
        private volatile bool _broken;

        public bool Broken
        {
            get => _broken;
            set => _broken = value;
        }

        public string Name => _inner.Name;

        public void Allocate(SiteSnapshot snapshot, BalancerState state, AllocationResult result)
        {
            if (_broken)
            {
                throw new InvalidOperationException("a strategy made to fail (test)");
            }

            _inner.Allocate(snapshot, state, result);
        }
    }
}
