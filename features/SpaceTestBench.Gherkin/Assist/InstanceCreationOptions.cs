namespace SpaceTestBench.Gherkin.Assist;

/// <summary>How <see cref="DataTableExtensions.CreateInstance{T}(DataTable, InstanceCreationOptions?)"/> binds a table (Reqnroll <c>Reqnroll.Assist.InstanceCreationOptions</c>).</summary>
public sealed class InstanceCreationOptions
{
    /// <summary>Fail when a column names no property or constructor parameter.</summary>
    public bool VerifyAllColumnsBound { get; set; }

    /// <summary>Accepted for source compatibility: names always match ignoring case and spaces.</summary>
    public bool VerifyCaseInsensitive { get; set; }

    /// <summary>Fail when a constructor parameter has no column.</summary>
    public bool RequireTableToProvideAllConstructorParameters { get; set; }
}
