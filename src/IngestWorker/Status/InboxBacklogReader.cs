namespace IngestWorker.Status;

/// <summary>Counts the files waiting in the inbox now (null when there is none to look at): the host's to give, as the inbox is not the status's.</summary>
public delegate int? InboxBacklogReader();
