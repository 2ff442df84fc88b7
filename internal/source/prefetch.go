package source

import (
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// prefetcher decodes tree objects on a few goroutines, ahead of the walk
// that consumes them in order.
type prefetcher struct {
	queue chan *future
	wg    sync.WaitGroup
	// readers holds one object reader per goroutine; own is the
	// repository's, used only by the walking goroutine.
	readers []storer.EncodedObjectStorer
	own     storer.EncodedObjectStorer
	stop    chan struct{}
	// more opens the further readers once the walk has asked for
	// spareAfter trees; requested counts them.
	more      func()
	requested int
}

// spareAfter is how many trees a walk asks for before further readers are
// opened. Each one reads the pack index again, about 110 bytes per object
// of the repository (25 MB for 240,000 objects): worth it for a tree of
// thousands of folders, not for the hundred of a typical repository.
const spareAfter = 256

// future is one tree being decoded.
type future struct {
	hash plumbing.Hash
	done chan struct{}
	tree *object.Tree
	err  error
}

func (f *future) wait() (*object.Tree, error) {
	<-f.done
	return f.tree, f.err
}

func newPrefetcher(r *Repo, workers int) *prefetcher {
	p := &prefetcher{queue: make(chan *future, 1<<12), stop: make(chan struct{})}
	p.own = r.git.Storer
	// The repository's own storage is idle during the walk: it is the first
	// reader. Each further one pays for reading the pack index again, so
	// they start only when the tree turns out to be large.
	if workers > 0 {
		p.start(p.own)
	}
	p.more = func() {
		for i := 1; i < workers; i++ {
			p.start(newStorage(r.fs))
		}
	}
	return p
}

// start adds a reader that decodes queued trees until the walk ends.
func (p *prefetcher) start(rd storer.EncodedObjectStorer) {
	p.readers = append(p.readers, rd)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case f := <-p.queue:
				f.tree, f.err = object.GetTree(rd, f.hash)
				close(f.done)
			case <-p.stop:
				return
			}
		}
	}()
}

// request schedules a tree for decoding. It waits when the queue is full:
// the readers never wait for the walk, so they drain it.
func (p *prefetcher) request(h plumbing.Hash) *future {
	f := &future{hash: h, done: make(chan struct{})}
	if len(p.readers) == 0 {
		f.tree, f.err = object.GetTree(p.own, h)
		close(f.done)
		return f
	}
	if p.requested++; p.requested == spareAfter {
		p.more()
	}
	p.queue <- f
	return f
}

func (p *prefetcher) close() {
	close(p.stop)
	p.wg.Wait()
	for _, rd := range p.readers {
		if rd == p.own {
			continue
		}
		if c, ok := rd.(interface{ Close() error }); ok {
			_ = c.Close()
		}
	}
}
