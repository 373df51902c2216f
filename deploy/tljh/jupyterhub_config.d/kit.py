"""The Littlest JupyterHub: every attendee lands on the kit's checklist, served by Voilà.

Install (see deploy/tljh/README.md):
    sudo cp /srv/meta-ai-workshop-kit/deploy/tljh/jupyterhub_config.d/kit.py /opt/tljh/config/jupyterhub_config.d/
    sudo tljh-config reload hub

TLJH loads this file after its own settings (tljh-config), so the landing page set here wins over
`user_environment.default_app`. Memory and CPU limits and the idle culler stay with tljh-config
(`limits.*`, `services.cull.*`): setting them here would silently override what `tljh-config show` reports.
"""

# Where deploy/tljh/README.md clones the repository; deploy/tljh/requirements.txt installs the kit from it.
KIT_DIR = "/srv/meta-ai-workshop-kit"
# Relative to each attendee's home, where ~/notebooks links to KIT_DIR/notebooks (README, step 4).
LANDING = "notebooks/fr/03-my-checklist.ipynb"

c = get_config()  # noqa: F821 (JupyterHub defines get_config for its config files)

# The page a user's server opens on after login: Voilà's render of the checklist, not JupyterLab
# (/user/<name>/lab stays reachable by typing it).
c.Spawner.default_url = f"/voila/render/{LANDING}"

# Read by each user's Jupyter server and inherited by its kernels:
c.Spawner.environment.update(
    {
        # the kit's Voilà template (no CDN icon font, <html lang> from the notebook)
        "JUPYTER_PATH": f"{KIT_DIR}/kit/serving/templates",
        # deploy/singleuser/jupyter_server_config.json: that template, and idle kernels shut down
        "JUPYTER_CONFIG_PATH": f"{KIT_DIR}/deploy/singleuser",
        # the notebooks run on the hub, not on the attendee's computer: they say so, and file upload is off.
        # To let attendees upload their Meta export, set a limit in MB (e.g. "200") and raise limits.memory.
        "KIT_SERVED": "1",
        "KIT_UPLOAD_LIMIT_MB": "0",
    }
)
