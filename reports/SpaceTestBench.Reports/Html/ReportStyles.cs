namespace SpaceTestBench.Reports.Html;

/// <summary>The report's inline style sheet: readable on screen, printable, nothing fetched.</summary>
internal static class ReportStyles
{
    public const string Css = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1180px; color: #1a1a1a; line-height: 1.4; padding: 0 1em; }
        h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #ccd; padding-bottom: 0.2em; margin-top: 1.8em; }
        h3 { margin-top: 1.4em; } nav ul { columns: 3; font-size: 0.9em; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
        thead th { background: #eef0f6; } table.facts th { width: 16em; background: #f6f7fb; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .verdict { font-weight: bold; padding: 0.1em 0.5em; border-radius: 3px; white-space: nowrap; }
        .verdict.pass { background: #d8f0de; color: #1b5e20; } .verdict.fail { background: #fbd9d9; color: #b71c1c; }
        .verdict.error, .verdict.aborted { background: #ffe0b2; color: #8a3b00; } .verdict.inconclusive { background: #fff5c2; color: #6d5600; }
        .verdict.notset { background: #eceff1; color: #455a64; }
        tr.fail td { background: #fdecec; } .expired { color: #b71c1c; font-weight: bold; }
        .overall { font-size: 1.4em; } .uri, .files { color: #667; font-size: 0.85em; font-weight: normal; }
        .outcome-failed { color: #b71c1c; font-weight: bold; } .outcome-passed { color: #1b5e20; } .outcome-other { color: #8a6d00; }
        .warning { background: #fff3cd; border: 1px solid #e0c36a; padding: 0.5em; } .note { color: #555; font-style: italic; }
        figure.plot { margin: 1em 0; } figure.plot img { max-width: 100%; height: auto; border: 1px solid #ccd; }
        figcaption { font-size: 0.88em; color: #333; } pre { background: #f6f7fb; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
        article.scenario { margin-bottom: 1.5em; } table.signoff td { height: 2.2em; } code { font-size: 0.9em; }
        .simulated-watermark { position: fixed; top: 45%; left: 50%; transform: translate(-50%, -50%) rotate(-30deg); font-size: 3.2em; font-weight: bold;
            color: rgba(198, 40, 40, 0.16); white-space: nowrap; pointer-events: none; z-index: 1000; }
        .simulated-banner { background: #c62828; color: #fff; font-weight: bold; padding: 0.6em 0.8em; font-size: 1.1em; }
        .page-footer { position: fixed; bottom: 0; left: 0; right: 0; text-align: center; font-size: 0.75em; color: #555; background: rgba(255, 255, 255, 0.9); padding: 0.15em; }
        tr.out-of-calibration td { background: #fdecec; } #instruments { font-size: 0.82em; } #instruments td { overflow-wrap: break-word; } .not-applicable { color: #555; font-style: italic; } .serial { font-family: monospace; }
        table.signoff tr.signed td.signer { font-weight: bold; } p.end { margin-top: 2em; font-weight: bold; text-align: center; }
        @media print { body { max-width: none; } nav { display: none; } h2 { page-break-after: avoid; } figure, article.scenario { page-break-inside: avoid; } }
        """;
}
