package org.casetrail.ingest.synthetic;

import java.io.IOException;

/** Writes raw events in one export format. */
interface ExportLines {

    void begin() throws IOException;

    void write(RawEvent event) throws IOException;
}
