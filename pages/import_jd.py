"""Import a job description: upload documents, preview the roles they become, download the YAML."""

from ui.views import import_jd

import_jd.main()
