package photo

import "sync"

// contentLocks serialises work on one content (one SHA-256 in one store):
// two copies of a photo in the same batch must not both insert a row, and a
// delete must not remove files an import is about to point a row at.
// It is per process; one Loupe process owns a data directory at a time.
var contentLocks = keyedMutex{m: map[string]*keyedEntry{}}

type keyedMutex struct {
	mu sync.Mutex
	m  map[string]*keyedEntry
}

type keyedEntry struct {
	sync.Mutex
	users int
}

// lock blocks until key is free and returns its unlock.
func (k *keyedMutex) lock(key string) func() {
	k.mu.Lock()
	e := k.m[key]
	if e == nil {
		e = &keyedEntry{}
		k.m[key] = e
	}
	e.users++
	k.mu.Unlock()
	e.Lock()
	return func() {
		e.Unlock()
		k.mu.Lock()
		if e.users--; e.users == 0 {
			delete(k.m, key)
		}
		k.mu.Unlock()
	}
}
