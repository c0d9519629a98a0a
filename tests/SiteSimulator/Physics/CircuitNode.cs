namespace ChargeNet.SiteSimulator;

/// <summary>One node of the site's circuit tree: index 0 is the grid connection, parents come before children.</summary>
/// <param name="Id">The circuit's id in site.json ("grid" for the grid connection).</param>
/// <param name="Parent">The parent node's index; -1 for the grid connection.</param>
/// <param name="LimitA">Its per-phase limit.</param>
public sealed record CircuitNode(string Id, int Parent, double LimitA);
