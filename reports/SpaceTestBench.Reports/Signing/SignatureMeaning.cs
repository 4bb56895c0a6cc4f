namespace SpaceTestBench.Reports.Signing;

/// <summary>What a signature means (21 CFR 11.50(a)(3)): the three roles of a report's sign-off.</summary>
public enum SignatureMeaning
{
    /// <summary>The author, who ran the campaign (the operator), states the report is what was done.</summary>
    Authored,

    /// <summary>A reviewer checked the report against the procedure and the data.</summary>
    Reviewed,

    /// <summary>The approver, who is not the operator, authorises its issue (ISO/IEC 17025 §7.8.2.1 o).</summary>
    Approved,
}
