"""A kernel manager for Voilà that holds a bounded number of kernels (server side only).

Each dashboard page starts a kernel of about 300 MB, and Voilà never shuts one
down: six page loads held 1.8 GB after 25 minutes. With this manager (and
``cull_idle_timeout``, set by ``explore.serve``) a kernel no page is connected to
is culled once idle, and a new page beyond ``max_kernels`` first shuts down
the unwatched kernel idle the longest; when every kernel has a page open, the
new page is refused with 503 and a message rather than exhausting memory.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer

_NEVER = datetime.min.replace(tzinfo=UTC)


class CappedKernelManager(AsyncMappingKernelManager):
    max_kernels = Integer(8, config=True, help="Kernels held at once; a new one first shuts an unwatched one down.")

    async def start_kernel(self, *, kernel_id=None, path=None, **kwargs):
        if kernel_id is None and len(self._kernels) >= self.max_kernels:
            await self._make_room()
        return await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)

    async def _make_room(self) -> None:
        unwatched = [k for k in self._kernels if not self._kernel_connections.get(k, 0)]
        if not unwatched:
            raise web.HTTPError(
                503, f"{len(self._kernels)} dashboards are open, the most this server holds; close one and reload"
            )
        oldest = min(unwatched, key=lambda k: getattr(self._kernels[k], "last_activity", None) or _NEVER)
        self.log.warning("Shutting down kernel %s, unwatched, to make room (max_kernels=%d)", oldest, self.max_kernels)
        await self.shutdown_kernel(oldest)
