using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Hosting.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>
/// Start-up in order: open the store, load the configuration in force, import <c>--site-config</c>
/// (refusing an invalid one with exit code 2), seed the demo site, set up the listeners (TLS as the
/// data directory and the configuration say), start, and say where the page is.
/// </summary>
public static class AgentStartup
{
    public const int ExitOk = 0;
    public const int ExitUsage = 2;

    public static async Task<int> RunAgentAsync(this WebApplication app, AgentOptions options, TextWriter output, TextWriter error)
    {
        var configuration = app.Services.GetRequiredService<SiteConfigurationService>();
        var devices = app.Services.GetRequiredService<DeviceRegistry>();
        configuration.Changed += applied => _ = devices.ApplyAsync(applied.Site);

        await configuration.LoadAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        if (options.SiteConfig is { } file)
        {
            var json = await File.ReadAllTextAsync(file, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            var result = await configuration.ApplyAsync(json, RevisionSources.File, file, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            foreach (var problem in result.Problems)
            {
                await error.WriteLineAsync($"{file}: {problem}").ConfigureAwait(false);
            }

            if (!result.Accepted)
            {
                return ExitUsage;
            }
        }

        if (options.Demo)
        {
            await StartDemoDevicesAsync(app, configuration).ConfigureAwait(false);
        }

        if (configuration.Current is { } current)
        {
            await devices.ApplyAsync(current.Site).ConfigureAwait(false);
        }

        EdgeListeners.Configure(
            app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value,
            options,
            configuration,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EdgeListeners).FullName!));
        await app.StartAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (options.Demo && addresses.Count > 0)
        {
            // The demo's OCPP chargers dial the daemon's own endpoint, as chargers on a site do.
            // Every listener serves /ocpp; the last one is --ocpp-urls' unless both share a port.
            var ocpp = Loopback(addresses.Last()).Replace("http://", "ws://", StringComparison.Ordinal).Replace("https://", "wss://", StringComparison.Ordinal) + "/ocpp";
            app.Services.GetRequiredService<DemoOcppChargePoints>().Start(
                new Uri(ocpp),
                configuration.Current!.Site,
                app.Lifetime.ApplicationStopping);
        }

        foreach (var address in addresses)
        {
            var page = Loopback(address);
            await output.WriteLineAsync($"ChargeNet Edge {AgentHelp.Version}{(options.Demo ? " (demo site)" : "")}: listening on {page}").ConfigureAwait(false);
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await devices.DisposeAsync().ConfigureAwait(false);
        return ExitOk;
    }

    /// <summary>
    /// Checks the options (<c>ValidateOnStart</c>) before anything reads them: Program.cs calls it before
    /// <see cref="AgentComposition.MapAgent"/>, which already creates services that read them and open the store. A bad
    /// value refuses start-up with one line naming its key (<see cref="ExitUsage"/>) and changes nothing; left to the
    /// host, the first service to read it threw from MapAgent, the store already opened, a stack trace for a message.
    /// </summary>
    public static async Task<bool> CheckOptionsAsync(this WebApplication app, TextWriter error)
    {
        var services = app.Services;
        IEnumerable<string> failures;
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (OptionsValidationException ex)
        {
            failures = ex.Failures;
        }
        catch (AggregateException ex)
        {
            failures = ex.InnerExceptions.SelectMany(e => e is OptionsValidationException invalid ? invalid.Failures : [e.Message]);
        }
        catch (InvalidOperationException ex)
        {
            // A value of the wrong type (e.g. LearnCarPhases=maybe): the binder's message names the key.
            failures = [ex.Message];
        }

        foreach (var failure in failures)
        {
            await error.WriteLineAsync("chargenet-agent: " + failure).ConfigureAwait(false);
        }

        return false;
    }

    private static string Loopback(string address) => address
        .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
        .TrimEnd('/');

    /// <summary>
    /// Starts the demo's Modbus devices on the port the stored demo configuration names (a second
    /// run carries on), seeding the demo configuration on the first run, and moving it to another
    /// port only when that one is taken.
    /// </summary>
    private static async Task StartDemoDevicesAsync(WebApplication app, SiteConfigurationService configuration)
    {
        var server = app.Services.GetRequiredService<DemoModbusServer>();
        var stored = configuration.Current?.Site;
        // A first run takes any free port (demos started side by side must not collide); later runs
        // ask for the port their stored configuration names.
        server.Start(stored is null ? 0 : DemoSiteConfiguration.ModbusPortOf(stored) ?? 0);
        var wanted = stored is null
            ? DemoSiteConfiguration.Create(server.Port)
            : DemoSiteConfiguration.ModbusPortOf(stored) is { } port && port != server.Port
                ? DemoSiteConfiguration.WithModbusPort(stored, server.Port)
                : null;
        if (wanted is not null)
        {
            // Secrets left out are kept from the configuration in force, which holds OCPP passwords as hashes (docs/security.md).
            var json = SiteConfigurationReader.Write(stored is null ? wanted : SecretRedactor.WithoutSecrets(wanted));
            await configuration.ApplyAsync(json, RevisionSources.Demo, "demo", app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        }

        server.Serve(configuration.Current!.Site);
        app.Lifetime.ApplicationStopped.Register(() => server.DisposeAsync().AsTask().GetAwaiter().GetResult());
    }
}
