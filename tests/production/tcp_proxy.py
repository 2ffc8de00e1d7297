"""A TCP relay on loopback, for the fault tests: the app reaches the S3 server
through it, so stopping the relay makes the storage unreachable (connection
refused) while the S3 server keeps its data, and starting it again on the same
port brings the storage back.

    python tests/production/tcp_proxy.py LISTEN_PORT TARGET_PORT
"""

from __future__ import annotations

import asyncio
import sys

HOST = "127.0.0.1"


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def main(listen_port: int, target_port: int) -> None:
    async def relay(reader, writer):
        try:
            target_reader, target_writer = await asyncio.open_connection(
                HOST, target_port
            )
        except OSError:
            writer.close()
            return
        await asyncio.gather(pipe(reader, target_writer), pipe(target_reader, writer))

    server = await asyncio.start_server(relay, HOST, listen_port, reuse_address=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
